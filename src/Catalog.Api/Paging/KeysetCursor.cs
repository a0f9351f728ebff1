using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Catalog.Api.Errors;

namespace Catalog.Api.Paging;

/// <summary>Where a page starts in one order: the sort key's value and the id of the last row seen.</summary>
public sealed record KeysetPosition(object Key, Guid Id);

/// <summary>
/// Keyset cursors (ADR 0014): base64url of the connection, the order, the row's id and its sort key, opaque to
/// clients. A cursor of another order, another connection or the earlier offset cursors is bad input. Each connection
/// names its kind and order, and writes and reads its own key.
/// </summary>
public static class KeysetCursor
{
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    // A page encodes one cursor per row: the UTF-8 text is built in a stack buffer, so the cursor string is the only
    // allocation.
    private const int StackBytes = 256;

    public static string Pack(string kind, string tag, Guid id, long key)
    {
        Span<char> digits = stackalloc char[20];
        key.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        return Pack(kind, tag, id, digits[..length]);
    }

    public static string Pack(string kind, string tag, Guid id, ReadOnlySpan<char> key)
    {
        var size = Encoding.UTF8.GetMaxByteCount(kind.Length + tag.Length + key.Length) + 35; // 32 hex digits, 3 colons
        byte[]? rented = null;
        var text = size <= StackBytes ? stackalloc byte[StackBytes] : rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var written = Encoding.UTF8.GetBytes(kind, text);
            text[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(tag, text[written..]);
            text[written++] = (byte)':';
            id.TryFormat(text[written..], out var hex, "N");
            written += hex;
            text[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(key, text[written..]);
            return Base64Url.EncodeToString(text[..written]);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The position in <paramref name="cursor"/>, null for no cursor; a cursor of another kind or order, or whose key
    /// <paramref name="parseKey"/> does not take (null), is bad input.
    /// </summary>
    public static KeysetPosition? Unpack(string? cursor, string kind, string tag, Func<string, object?> parseKey) =>
        string.IsNullOrEmpty(cursor) ? null
        : Read(cursor, kind, tag) is var (id, key) && parseKey(key) is { } value ? new KeysetPosition(value, id)
        : throw new CatalogProblem(ErrorCode.BadUserInput, $"'{Echo.Of(cursor)}' is not a cursor this service issued for this order.");

    /// <summary>
    /// A moment as its column keeps it: microseconds, cut the way Npgsql cuts them when it writes a duplicated field.
    /// The cursor must compare equal to the column, not to the document's 100 ns value.
    /// </summary>
    public static long MomentKey(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return ticks - (ticks - PostgresEpochTicks) % 10;
    }

    public static object? ParseMoment(string key) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;

    private static (Guid Id, string Key)? Read(string cursor, string kind, string tag)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return null;
        }
        // No NUL in the key: .NET's number parsing ignores trailing ones, so "1\0" read as 1.
        return text.Split(':', 4) is [var k, var t, var id, var key] && k == kind && t == tag && !key.Contains('\0')
            && Guid.TryParseExact(id, "N", out var rowId)
            ? (rowId, key)
            : null;
    }
}
