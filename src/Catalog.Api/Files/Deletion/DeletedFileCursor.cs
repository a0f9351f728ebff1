using Catalog.Api.Paging;
using Catalog.Projections.FileListing;

namespace Catalog.Api.Files.Deletion;

/// <summary>The cursors of <c>deletedFiles</c>, most recently deleted first: the file's deletion time and id.</summary>
public static class DeletedFileCursor
{
    private const string Kind = "deleted";
    private const string Tag = "DeletedAt-Desc";

    public static string Encode(FileListing file) =>
        KeysetCursor.Pack(Kind, Tag, file.Id, KeysetCursor.MomentKey(file.DeletedAt ?? throw new ArgumentException("The file is not deleted.", nameof(file))));

    public static KeysetPosition? Decode(string? cursor) => KeysetCursor.Unpack(cursor, Kind, Tag, KeysetCursor.ParseMoment);
}
