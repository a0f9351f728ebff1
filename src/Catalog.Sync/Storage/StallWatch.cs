namespace Catalog.Sync.Storage;

/// <summary>
/// The clock of one request to a storage tier (ADR 0095): it runs only while the request waits on the store, restarts
/// with every wait, and fires when one wait lasts longer than the stall timeout. Waits may overlap (an early answer
/// while the body is still being sent); the clock stops when none is left.
/// </summary>
internal sealed class StallWatch(StallLimit limit, HttpRequestMessage request) : IDisposable
{
    private readonly CancellationTokenSource stalled = new();
    private readonly Lock gate = new();
    private int waiting;
    private bool disposed;

    /// <summary>Cancelled once a wait on the store outlasts the limit.</summary>
    public CancellationToken Token => stalled.Token;

    public bool Stalled => stalled.IsCancellationRequested;

    public void Begin()
    {
        lock (gate)
        {
            waiting++;
            Arm(limit.After);
        }
    }

    public void End()
    {
        lock (gate)
        {
            // Never below zero: a body sent after the answer came (not done over HTTP/1.1) must not leave the clock running.
            waiting = Math.Max(0, waiting - 1);
            Arm(waiting > 0 ? limit.After : Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>What a caller is told instead of the cancellation the stall caused.</summary>
    public StorageStalledException Failure() =>
        new($"The {limit.Tier} tier made no progress on {request.Method} {request.RequestUri?.AbsolutePath} for {limit.After.TotalSeconds:0.###} s ({limit.Setting}).");

    private void Arm(TimeSpan after)
    {
        if (!disposed && !stalled.IsCancellationRequested)
            stalled.CancelAfter(after);
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            stalled.Dispose();
        }
    }
}

/// <summary>How long a request to <paramref name="Tier"/> may wait on its store, and the setting that says so.</summary>
internal sealed record StallLimit(TimeSpan After, string Tier, string Setting)
{
    public static StallLimit Local(TimeSpan after) => new(after, "local", $"{LocalTierOptions.Section}:StallTimeout");

    public static StallLimit Cloud(TimeSpan after) => new(after, "cloud", $"{CloudTierOptions.Section}:RequestTimeout");
}
