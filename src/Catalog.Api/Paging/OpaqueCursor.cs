using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Catalog.Api.Errors;

namespace Catalog.Api.Paging;

/// <summary>Cursors a client cannot read: a kind and a position, base64url-encoded.</summary>
public static class OpaqueCursor
{
    public static string Encode(string kind, long position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{kind}:{position.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The position in the cursor, or null for no cursor; a cursor of another kind is bad input.</summary>
    public static long? Decode(string kind, string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
            return null;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(kind + ":", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(kind.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
                return position;
        }
        catch (FormatException)
        {
        }

        throw new CatalogProblem(ErrorCode.BadUserInput, $"'{Echo.Of(cursor)}' is not a cursor this service issued.");
    }
}
