using Catalog.Api.Errors;
using Catalog.Api.Files.Listing;
using Catalog.Projections.FileListing;
using Marten;
using Marten.Linq;

namespace Catalog.Api.Files.Deletion;

/// <summary>The caller's deleted files that can still be restored, most recently deleted first.</summary>
public static class ListDeletedFiles
{
    public static async Task<Connection<FileListing>> Handle(
        Guid ownerId, int? first, string? after, TimeSpan retention, DateTimeOffset now, IQuerySession session,
        CancellationToken ct)
    {
        var pageSize = first ?? ListFiles.DefaultPageSize;
        if (pageSize is < 0 or > ListFiles.MaxPageSize)
            throw new CatalogProblem(ErrorCode.BadUserInput, $"'first' must be between 0 and {ListFiles.MaxPageSize}.");
        var offset = OffsetCursor.Decode(after);
        if (offset > int.MaxValue)
            throw new CatalogProblem(ErrorCode.BadUserInput, "The cursor is out of range.");

        var deletedAfter = now - retention;
        var page = await session.Query<FileListing>()
            .Where(f => f.OwnerId == ownerId && f.Deleted && !f.Purged && f.DeletedAt > deletedAfter)
            .OrderByDescending(f => f.DeletedAt).ThenByDescending(f => f.Id)
            .Stats(out QueryStatistics stats)
            .Skip((int)offset)
            .Take(pageSize)
            .ToListAsync(ct);

        var edges = page.Select((file, i) => new Edge<FileListing>(OffsetCursor.Encode(offset + i), file)).ToList();
        return new Connection<FileListing>(edges, new PageInfo(
            HasNextPage: offset + page.Count < stats.TotalResults,
            HasPreviousPage: offset > 0,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor), stats.TotalResults);
    }
}
