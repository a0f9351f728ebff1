using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Catalog.Api.Errors;

namespace Catalog.Api.Files.Listing;

/// <summary>Opaque cursors over a stable ordering: the position after which the next page starts.</summary>
public static class OffsetCursor
{
    private const string Prefix = "offset:";

    public static string Encode(long position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + position.ToString(CultureInfo.InvariantCulture)));

    public static long Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
            return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                return position + 1;
        }
        catch (FormatException)
        {
        }

        throw new CatalogProblem(ErrorCode.BadUserInput, $"'{cursor}' is not a cursor this service issued.");
    }
}
