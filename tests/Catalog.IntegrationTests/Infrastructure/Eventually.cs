namespace Catalog.IntegrationTests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> every 20 ms; false when it has not held within 15 s.</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(20);
        }
        return true;
    }

    /// <summary>As <see cref="HoldsAsync(Func{bool})"/>, for a condition that has to ask a server.</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(20);
        }
        return true;
    }
}
