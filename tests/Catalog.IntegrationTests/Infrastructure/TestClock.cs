namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// The host's clock: real time plus an offset a test can move, so a retention window can close without waiting.
/// Only the service's <see cref="TimeProvider"/> moves; token validation, Postgres and the S3 servers keep real time,
/// so tokens are issued before moving it. <see cref="CatalogHost.ResetDataAsync"/> puts it back.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref offsetTicks, 0);
}
