using Catalog.Api.Errors;
using Catalog.Projections.FileListing;
using Marten;
using Marten.Linq;

namespace Catalog.Api.Files.Listing;

public static class ListFiles
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static async Task<Connection<FileListing>> Handle(
        Guid ownerId, int? first, string? after, FileFilter? where, FileOrder? order, IQuerySession session,
        CancellationToken ct)
    {
        var pageSize = first ?? DefaultPageSize;
        if (pageSize is < 0 or > MaxPageSize)
            throw new CatalogProblem(ErrorCode.BadUserInput, $"'first' must be between 0 and {MaxPageSize}.");
        var offset = OffsetCursor.Decode(after);
        if (offset > int.MaxValue)
            throw new CatalogProblem(ErrorCode.BadUserInput, "The cursor is out of range.");

        var query = session.Query<FileListing>().Where(f => f.OwnerId == ownerId && !f.Deleted);
        if (!string.IsNullOrEmpty(where?.NameContains))
        {
            var fragment = where.NameContains;
            query = query.Where(f => f.Name.Contains(fragment, StringComparison.OrdinalIgnoreCase));
        }
        if (where?.Tier is { } tier)
            query = query.Where(f => f.Tier == tier);

        var page = await Sorted(query, order ?? new FileOrder())
            .Stats(out QueryStatistics stats)
            .Skip((int)offset)
            .Take(pageSize)
            .ToListAsync(ct);

        var edges = page.Select((file, i) => new Edge<FileListing>(OffsetCursor.Encode(offset + i), file)).ToList();
        var pageInfo = new PageInfo(
            HasNextPage: offset + page.Count < stats.TotalResults,
            HasPreviousPage: offset > 0,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor);
        return new Connection<FileListing>(edges, pageInfo, stats.TotalResults);
    }

    // The id breaks ties so that pages never overlap or skip a file.
    private static IQueryable<FileListing> Sorted(IQueryable<FileListing> query, FileOrder order) =>
        (order.Field, order.Direction) switch
        {
            (FileSortField.Name, SortDirection.Asc) => query.OrderBy(f => f.Name).ThenBy(f => f.Id),
            (FileSortField.Name, SortDirection.Desc) => query.OrderByDescending(f => f.Name).ThenByDescending(f => f.Id),
            (FileSortField.Size, SortDirection.Asc) => query.OrderBy(f => f.Size).ThenBy(f => f.Id),
            (FileSortField.Size, SortDirection.Desc) => query.OrderByDescending(f => f.Size).ThenByDescending(f => f.Id),
            (_, SortDirection.Asc) => query.OrderBy(f => f.UploadedAt).ThenBy(f => f.Id),
            _ => query.OrderByDescending(f => f.UploadedAt).ThenByDescending(f => f.Id),
        };
}
