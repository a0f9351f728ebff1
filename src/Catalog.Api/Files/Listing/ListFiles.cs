using System.Text;
using Catalog.Api.Paging;
using Catalog.Domain;
using Catalog.Projections.FileListing;
using Marten;
using Marten.Linq.MatchesSql;

namespace Catalog.Api.Files.Listing;

public static class ListFiles
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// One page after the cursor's position (keyset, ADR 0014): an index range scan whatever the page's depth. The
    /// total is a second query, run only when the client asks for it (<paramref name="countTotal"/>).
    /// </summary>
    public static async Task<Connection<FileListing>> Handle(
        Guid ownerId, int? first, string? after, FileFilter? where, FileOrder? order, bool countTotal,
        IQuerySession session, CancellationToken ct)
    {
        var pageSize = Connections.PageSize(first, DefaultPageSize, MaxPageSize);
        order ??= new FileOrder();
        var position = FileCursor.Decode(order, after);

        var listed = Filtered(session.Query<FileListing>(), ownerId, where);
        var rows = await Sorted(After(listed, order, position), order).Take(pageSize + 1).ToListAsync(ct);
        var total = countTotal ? await listed.CountAsync(ct) : 0;
        return Connections.FromRows(rows, pageSize, position is not null, file => FileCursor.Encode(order, file), total);
    }

    private static IQueryable<FileListing> Filtered(IQueryable<FileListing> query, Guid ownerId, FileFilter? where)
    {
        // `== false`, not `!`: Marten writes `!f.Deleted` as `(deleted is null or deleted = false)`, which Postgres 15
        // cannot use as an index condition although the column is not null.
        query = query.Where(f => f.OwnerId == ownerId && f.Deleted == false);
        if (!string.IsNullOrEmpty(where?.NameContains))
        {
            // Names are kept composed (NFC, FileName): a decomposed fragment ("a\u0308", as macOS writes names) is the same text.
            var fragment = UnicodeText.CanNormalize(where.NameContains)
                ? where.NameContains.Normalize(NormalizationForm.FormC)
                : where.NameContains;
            query = query.Where(f => f.Name.Contains(fragment, StringComparison.OrdinalIgnoreCase));
        }
        if (where?.Tier is { } tier)
            query = query.Where(f => f.Tier == tier);
        return query;
    }

    // A row comparison on the duplicated columns, which the (owner_id, key, id) indexes answer as a range.
    private static IQueryable<FileListing> After(IQueryable<FileListing> query, FileOrder order, KeysetPosition? position)
    {
        if (position is null)
            return query;
        var column = Column(order.Field);
        var comparison = order.Direction == SortDirection.Asc ? ">" : "<";
        return query.Where(f => f.MatchesSql($"(d.{column}, d.id) {comparison} (?, ?)", position.Key, position.Id));
    }

    private static string Column(FileSortField field) => field switch
    {
        FileSortField.Name => "name",
        FileSortField.Size => "size",
        _ => "uploaded_at",
    };

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
