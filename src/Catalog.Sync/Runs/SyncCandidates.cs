using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.Sync.Runs;

/// <summary>
/// Which files a run works on: not deleted, uploaded before the run started, and only in the local tier, or, with
/// <c>Sync:DeleteLocalAfterSync</c>, also in both tiers (synced earlier, local copy still to be evicted).
/// </summary>
internal static class SyncCandidates
{
    /// <summary>
    /// The next batch after <paramref name="after"/> in id order (ids are Guid v7, so upload order), and whether more
    /// files follow it: one more is read, so a run whose files fill its last batch exactly ends with that batch
    /// instead of an empty one. A file that fails stays local but is behind the cursor, so a run never tries it twice.
    /// Read in a query session of its own, planned for these values: a plan kept for any tier would walk every synced
    /// file to find the few local ones (ADR 0083).
    /// </summary>
    public static async Task<(IReadOnlyList<FileListing> Files, bool MoreFollow)> NextBatchAsync(
        ISessionFactory sessions, DateTimeOffset startedAt, Guid? after, int batchSize, bool evicting, CancellationToken ct)
    {
        await using var session = sessions.QuerySession();
        var query = session.Query<FileListing>().Where(f => !f.Deleted && f.UploadedAt < startedAt);
        query = evicting
            ? query.Where(f => f.Tier != StorageTier.Cloud)
            : query.Where(f => f.Tier == StorageTier.Local);
        if (after is { } cursor)
            query = query.Where(f => f.Id > cursor);
        var read = await query.OrderBy(f => f.Id).Take(batchSize + 1).ToListAsync(ct);
        return read.Count > batchSize ? (read.Take(batchSize).ToList(), true) : (read, false);
    }
}
