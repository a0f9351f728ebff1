using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Catalog.Api.Errors;

namespace Catalog.Api.Audit;

/// <summary>Keyset cursors over the event store's global sequence: stable while new events are appended.</summary>
public static class SequenceCursor
{
    private const string Prefix = "seq:";

    public static string Encode(long sequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + sequence.ToString(CultureInfo.InvariantCulture)));

    public static long Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
            return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                return sequence;
        }
        catch (FormatException)
        {
        }

        throw new CatalogProblem(ErrorCode.BadUserInput, $"'{cursor}' is not a cursor this service issued.");
    }
}
