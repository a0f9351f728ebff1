using Catalog.Api.Errors;
using Catalog.Api.Files.Listing;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Projections.SyncRuns;
using Catalog.Sync;
using Marten;
using Marten.Linq;

namespace Catalog.Api.CloudSync;

/// <summary>What admins read about the nightly transfer: its runs, newest first, and the files it keeps failing on.</summary>
public static class SyncReports
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static async Task<Connection<SyncRunSummary>> RunsAsync(int? first, string? after, IQuerySession session, CancellationToken ct)
    {
        var (offset, pageSize) = Page(first, after);
        var page = await session.Query<SyncRunSummary>()
            .Stats(out QueryStatistics stats)
            .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Skip(offset).Take(pageSize)
            .ToListAsync(ct);

        var edges = page.Select((run, i) => new Edge<SyncRunSummary>(OffsetCursor.Encode(offset + i), run)).ToList();
        return new Connection<SyncRunSummary>(edges, new PageInfo(
            HasNextPage: offset + page.Count < stats.TotalResults,
            HasPreviousPage: offset > 0,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor), stats.TotalResults);
    }

    public static async Task<IReadOnlyList<SyncFailure>> FailuresAsync(
        int? first, SyncOptions options, IQuerySession session, CancellationToken ct)
    {
        var (_, pageSize) = Page(first, null);
        var threshold = options.MaxFailedRunsBeforeReport;
        var files = await session.Query<FileListing>()
            .Where(f => f.Tier == StorageTier.Local && !f.Deleted && f.FailedSyncRuns >= threshold)
            .OrderByDescending(f => f.FailedSyncRuns).ThenBy(f => f.Id)
            .Take(pageSize)
            .ToListAsync(ct);
        return files.Select(f => new SyncFailure(
            f.Id, f.OwnerId, f.Name, f.Size, f.FailedSyncRuns, f.LastSyncError, f.LastSyncFailedAt)).ToList();
    }

    private static (int Offset, int PageSize) Page(int? first, string? after)
    {
        var pageSize = first ?? DefaultPageSize;
        if (pageSize is < 0 or > MaxPageSize)
            throw new CatalogProblem(ErrorCode.BadUserInput, $"'first' must be between 0 and {MaxPageSize}.");
        var offset = OffsetCursor.Decode(after);
        if (offset > int.MaxValue)
            throw new CatalogProblem(ErrorCode.BadUserInput, "The cursor is out of range.");
        return ((int)offset, pageSize);
    }
}
