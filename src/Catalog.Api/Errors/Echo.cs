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
    /// part is what lies between a quote (<c>'</c> or <c>"</c>) that does not follow a letter or digit and the next of
    /// the same kind that no letter or digit follows: an apostrophe inside a word (<c>part's</c>, <c>UTF-8''name</c>)
    /// quotes nothing, or our own messages lost their words between two of them.
    /// </summary>
    public static string InMessage(string message)
    {
        if (message.Length <= MaximumLength)
            return message;
        var cut = new System.Text.StringBuilder(Math.Min(message.Length, MaximumMessageLength + 1));
        for (var at = 0; at < message.Length && cut.Length <= MaximumMessageLength;)
        {
            var quote = Opening(message, at);
            var close = quote < 0 ? -1 : Closing(message, quote);
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

    private static int Opening(string message, int from)
    {
        for (var at = message.IndexOfAny(Quotes, from); at >= 0; at = message.IndexOfAny(Quotes, at + 1))
        {
            if (at == 0 || !char.IsLetterOrDigit(message[at - 1]))
                return at;
        }
        return -1;
    }

    private static int Closing(string message, int opening)
    {
        for (var at = message.IndexOf(message[opening], opening + 1); at >= 0; at = message.IndexOf(message[opening], at + 1))
        {
            if (at == message.Length - 1 || !char.IsLetterOrDigit(message[at + 1]))
                return at;
        }
        return -1;
    }

    // Never between the two halves of a surrogate pair.
    private static int CutAt(string value, int length) =>
        char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
}
