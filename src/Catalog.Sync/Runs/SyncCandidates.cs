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
    /// Read in a query session of its own, planned for these values (ADR 0083).
    /// </summary>
    public static async Task<(IReadOnlyList<FileListing> Files, bool MoreFollow)> NextBatchAsync(
        ISessionFactory sessions, DateTimeOffset startedAt, Guid? after, int batchSize, bool evicting, CancellationToken ct)
    {
        await using var session = sessions.QuerySession();
        var read = await InTier(session, StorageTier.Local, startedAt, after, batchSize + 1).ToListAsync(ct);
        if (evicting)
        {
            // One range per tier, merged: Guid's order is the uuid order Postgres sorts by.
            var toEvict = await InTier(session, StorageTier.LocalAndCloud, startedAt, after, batchSize + 1).ToListAsync(ct);
            read = read.Concat(toEvict).OrderBy(f => f.Id).Take(batchSize + 1).ToList();
        }
        return read.Count > batchSize ? (read.Take(batchSize).ToList(), true) : (read, false);
    }

    /// <summary>
    /// One tier's listed files after the cursor, in id order: a range of the (tier, deleted, id) index, so a night's
    /// few local files are found without walking every file synced before them (ADR 0120).
    /// </summary>
    internal static IQueryable<FileListing> InTier(IQuerySession session, StorageTier tier, DateTimeOffset startedAt, Guid? after, int take)
    {
        // `== false`, not `!`: Marten writes `!f.Deleted` as `(deleted is null or deleted = false)`, no index condition.
        var query = session.Query<FileListing>().Where(f => f.Tier == tier && f.Deleted == false && f.UploadedAt < startedAt);
        if (after is { } cursor)
            query = query.Where(f => f.Id > cursor);
        return query.OrderBy(f => f.Id).Take(take);
    }
}
