using Catalog.Domain;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>
/// Text a client may send: what Postgres can store and UTF-8 can encode. NUL (U+0000) is refused by Postgres text,
/// and half of a surrogate pair (an escaped \uD800 without its partner) is no Unicode at all: Npgsql fails to encode it
/// deep inside a query or an append.
/// </summary>
public static class StorableText
{
    public const string NulRefusal = "Strings may not contain the NUL character (U+0000).";
    public const string LoneSurrogateRefusal = "Strings must be Unicode: this one holds half of a surrogate pair (\\uD800-\\uDFFF without its partner).";

    /// <summary>Why <paramref name="text"/> is refused, or null when it is fine.</summary>
    public static string? Refusal(string text) =>
        text.Contains('\0') ? NulRefusal
        : !UnicodeText.IsWellFormed(text) ? LoneSurrogateRefusal
        : null;
}
