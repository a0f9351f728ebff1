namespace Catalog.Domain.Sync;

/// <summary>How often the batch a stalled run waits on was sent again, and when last.</summary>
public sealed record StalledBatchResends(int Batch, int Count, DateTimeOffset LastAt);

/// <summary>
/// When a run that is still running but no longer moves gets its current batch sent again (ADR 0093). The first time
/// once nothing was recorded for <c>stallAfter</c>; a batch that stays stuck is sent again after twice that wait each
/// time, up to <see cref="MaxDoublings"/> doublings, so a batch that keeps failing is retried rarely but never given up.
/// </summary>
public static class SyncRunStall
{
    public const int MaxDoublings = 4;

    public static bool IsDue(
        int batch, DateTimeOffset lastProgressAt, StalledBatchResends? earlier, TimeSpan stallAfter, DateTimeOffset now)
    {
        var (count, since) = earlier is not null && earlier.Batch == batch && earlier.LastAt > lastProgressAt
            ? (earlier.Count, earlier.LastAt)
            : (0, lastProgressAt);
        return now - since >= stallAfter * Math.Pow(2, Math.Min(count, MaxDoublings));
    }

    public static StalledBatchResends Resent(int batch, DateTimeOffset lastProgressAt, StalledBatchResends? earlier, DateTimeOffset now) =>
        earlier is not null && earlier.Batch == batch && earlier.LastAt > lastProgressAt
            ? earlier with { Count = earlier.Count + 1, LastAt = now }
            : new StalledBatchResends(batch, 1, now);
}
