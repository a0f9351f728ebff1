namespace Catalog.Api.Errors;

/// <summary>
/// A client's value quoted back in an error message, cut to a length a person reads: a 5 000-character id came back
/// whole in a 400's title.
/// </summary>
public static class Echo
{
    public const int MaximumLength = 80;

    /// <summary>The longest message <see cref="InMessage"/> leaves whole.</summary>
    public const int MaximumMessageLength = 500;

    public static string Of(string? value) =>
        value is null ? "" : value.Length <= MaximumLength ? value : string.Concat(value.AsSpan(0, CutAt(value, MaximumLength)), "…");

    /// <summary>
    /// A message written by someone else (GraphQL.NET quotes the value it could not convert, whole) with every quoted
    /// part longer than <see cref="MaximumLength"/> cut, and the whole cut to <see cref="MaximumMessageLength"/>. A
    /// part is what lies between a quote (<c>'</c> or <c>"</c>) and the next of the same kind.
    /// </summary>
    public static string InMessage(string message)
    {
        if (message.Length <= MaximumLength)
            return message;
        var cut = new System.Text.StringBuilder(Math.Min(message.Length, MaximumMessageLength + 1));
        for (var at = 0; at < message.Length && cut.Length <= MaximumMessageLength;)
        {
            var quote = message.IndexOfAny(Quotes, at);
            var close = quote < 0 ? -1 : message.IndexOf(message[quote], quote + 1);
            if (close < 0)
            {
                cut.Append(message, at, message.Length - at);
                break;
            }
            cut.Append(message, at, quote + 1 - at).Append(Of(message[(quote + 1)..close])).Append(message[close]);
            at = close + 1;
        }
        var whole = cut.ToString();
        return whole.Length <= MaximumMessageLength ? whole : string.Concat(whole.AsSpan(0, CutAt(whole, MaximumMessageLength)), "…");
    }

    private static readonly char[] Quotes = ['\'', '"'];

    // Never between the two halves of a surrogate pair.
    private static int CutAt(string value, int length) =>
        char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
}
