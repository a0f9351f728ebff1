namespace Catalog.Api.Files.Listing;

/// <summary>Cursors over a stable ordering: the position after which the next page starts.</summary>
public static class OffsetCursor
{
    private const string Kind = "offset";

    public static string Encode(long position) => OpaqueCursor.Encode(Kind, position);

    public static long Decode(string? cursor) => OpaqueCursor.Decode(Kind, cursor) is { } position ? position + 1 : 0;
}
