using System.Collections.Frozen;
using System.Globalization;
using Catalog.Api.GraphQL.Schema;
using Catalog.Api.Paging;
using Catalog.Projections.FileListing;

namespace Catalog.Api.Files.Listing;

/// <summary>The cursors of <c>files</c>: the order's field and direction, the file's id and its value of the field.</summary>
public static class FileCursor
{
    private const string Kind = "files";

    private static readonly FrozenDictionary<(FileSortField, SortDirection), string> Tags =
        Enum.GetValues<FileSortField>().SelectMany(_ => Enum.GetValues<SortDirection>(), (field, direction) => (field, direction))
            .ToFrozenDictionary(order => order, order => $"{order.field}-{order.direction}");

    public static string Encode(FileOrder order, FileListing file) => order.Field switch
    {
        FileSortField.Name => KeysetCursor.Pack(Kind, Tag(order), file.Id, file.Name),
        FileSortField.Size => KeysetCursor.Pack(Kind, Tag(order), file.Id, file.Size),
        _ => KeysetCursor.Pack(Kind, Tag(order), file.Id, KeysetCursor.MomentKey(file.UploadedAt)),
    };

    public static KeysetPosition? Decode(FileOrder order, string? cursor) =>
        KeysetCursor.Unpack(cursor, Kind, Tag(order), key => Parse(order.Field, key));

    private static string Tag(FileOrder order) =>
        Tags.GetValueOrDefault((order.Field, order.Direction)) ?? $"{order.Field}-{order.Direction}";

    private static object? Parse(FileSortField field, string key) => field switch
    {
        FileSortField.Name => StorableText.Refusal(key) is null ? key : null, // a forged NUL would reach Postgres
        FileSortField.Size => long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size) ? size : null,
        _ => KeysetCursor.ParseMoment(key),
    };
}
