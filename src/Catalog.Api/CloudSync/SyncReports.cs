using Catalog.Api.Paging;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Projections.SyncRuns;
using Catalog.Sync;
using Marten;
using Marten.Linq.MatchesSql;

namespace Catalog.Api.CloudSync;

/// <summary>What admins read about the nightly transfer: its runs, newest first, and the files it keeps failing on.</summary>
public static class SyncReports
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Runs newest first, in keyset pages (ADR 0014): a run started between two pages does not push the next page back
    /// onto a run already read. The total is a second query, run only when asked for (<paramref name="countTotal"/>).
    /// </summary>
    public static async Task<Connection<SyncRunSummary>> RunsAsync(
        int? first, string? after, bool countTotal, IQuerySession session, CancellationToken ct)
    {
        var pageSize = PageSize(first);
        var position = SyncRunCursor.Decode(after);

        var runs = session.Query<SyncRunSummary>();
        var fromPosition = position is null
            ? runs
            : runs.Where(r => r.MatchesSql("(d.started_at, d.id) < (?, ?)", position.Key, position.Id));
        var rows = await fromPosition.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(pageSize + 1).ToListAsync(ct);
        var total = countTotal ? await runs.CountAsync(ct) : 0;
        return Connections.FromRows(rows, pageSize, position is not null, SyncRunCursor.Encode, total);
    }

    public static async Task<IReadOnlyList<SyncFailure>> FailuresAsync(
        int? first, SyncOptions options, IQuerySession session, CancellationToken ct)
    {
        var pageSize = PageSize(first);
        var threshold = options.MaxFailedRunsBeforeReport;
        // The local files that are listed: one range of the sync's (tier, deleted, id) index (ADR 0120); `== false`, as
        // `!f.Deleted` would be no index condition.
        var files = await session.Query<FileListing>()
            .Where(f => f.Tier == StorageTier.Local && f.Deleted == false && f.FailedSyncRuns >= threshold)
            .OrderByDescending(f => f.FailedSyncRuns).ThenBy(f => f.Id)
            .Take(pageSize)
            .ToListAsync(ct);
        return files.Select(f => new SyncFailure(
            f.Id, f.OwnerId, f.Name, f.Size, f.FailedSyncRuns, f.LastSyncError, f.LastSyncFailedAt)).ToList();
    }

    private static int PageSize(int? first) => Connections.PageSize(first, DefaultPageSize, MaxPageSize);
}
