using Catalog.Api.Files.Listing;
using Catalog.Api.Paging;
using Catalog.Projections.FileListing;
using Marten;
using Marten.Linq.MatchesSql;

namespace Catalog.Api.Files.Deletion;

/// <summary>
/// The caller's deleted files that can still be restored, most recently deleted first, in keyset pages (ADR 0014): a
/// file deleted or restored between two pages neither repeats nor hides another. The total is a second query, run only
/// when the client asks for it (<paramref name="countTotal"/>).
/// </summary>
public static class ListDeletedFiles
{
    public static async Task<Connection<FileListing>> Handle(
        Guid ownerId, int? first, string? after, bool countTotal, TimeSpan retention, DateTimeOffset now, IQuerySession session,
        CancellationToken ct)
    {
        var pageSize = Connections.PageSize(first, ListFiles.DefaultPageSize, ListFiles.MaxPageSize);
        var position = DeletedFileCursor.Decode(after);

        var listed = Restorable(session, ownerId, now - retention);
        var rows = await Page(listed, position, pageSize).ToListAsync(ct);
        var total = countTotal ? await listed.CountAsync(ct) : 0;
        return Connections.FromRows(rows, pageSize, position is not null, DeletedFileCursor.Encode, total);
    }

    /// <summary>Deleted within the retention period and not purged: a range of the owner's recycle-bin index (ADR 0122).</summary>
    internal static IQueryable<FileListing> Restorable(IQuerySession session, Guid ownerId, DateTimeOffset deletedAfter) =>
        session.Query<FileListing>().Where(f => f.OwnerId == ownerId && f.Deleted && !f.Purged && f.DeletedAt > deletedAfter);

    internal static IQueryable<FileListing> Page(IQueryable<FileListing> listed, KeysetPosition? position, int pageSize)
    {
        var fromPosition = position is null
            ? listed
            : listed.Where(f => f.MatchesSql("(d.deleted_at, d.id) < (?, ?)", position.Key, position.Id));
        return fromPosition.OrderByDescending(f => f.DeletedAt).ThenByDescending(f => f.Id).Take(pageSize + 1);
    }
}
