using System.Globalization;
using Catalog.Api.GraphQL.Schema;
using Catalog.Api.Paging;
using Catalog.Projections.FileListing;

namespace Catalog.Api.Files.Listing;

/// <summary>The cursors of <c>files</c>: the order's field and direction, the file's id and its value of the field.</summary>
public static class FileCursor
{
    private const string Kind = "files";

    public static string Encode(FileOrder order, FileListing file) => KeysetCursor.Pack(Kind, Tag(order), file.Id, Key(order.Field, file));

    public static KeysetPosition? Decode(FileOrder order, string? cursor) =>
        KeysetCursor.Unpack(cursor, Kind, Tag(order), key => Parse(order.Field, key));

    private static string Tag(FileOrder order) => $"{order.Field}-{order.Direction}";

    private static string Key(FileSortField field, FileListing file) => field switch
    {
        FileSortField.Name => file.Name,
        FileSortField.Size => file.Size.ToString(CultureInfo.InvariantCulture),
        _ => KeysetCursor.MomentKey(file.UploadedAt),
    };

    private static object? Parse(FileSortField field, string key) => field switch
    {
        FileSortField.Name => StorableText.Refusal(key) is null ? key : null, // a forged NUL would reach Postgres
        FileSortField.Size => long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size) ? size : null,
        _ => KeysetCursor.ParseMoment(key),
    };
}
