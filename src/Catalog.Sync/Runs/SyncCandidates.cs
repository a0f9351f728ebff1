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
    /// The next batch after <paramref name="after"/> in id order (ids are Guid v7, so upload order). A file that
    /// fails stays local but is behind the cursor, so a run never tries it twice.
    /// </summary>
    public static async Task<IReadOnlyList<FileListing>> NextBatchAsync(
        IQuerySession session, DateTimeOffset startedAt, Guid? after, int batchSize, bool evicting, CancellationToken ct)
    {
        var query = session.Query<FileListing>().Where(f => !f.Deleted && f.UploadedAt < startedAt);
        query = evicting
            ? query.Where(f => f.Tier != StorageTier.Cloud)
            : query.Where(f => f.Tier == StorageTier.Local);
        if (after is { } cursor)
            query = query.Where(f => f.Id > cursor);
        return await query.OrderBy(f => f.Id).Take(batchSize).ToListAsync(ct);
    }
}
