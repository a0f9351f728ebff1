using System.Text.Json;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>
/// Valid UTF-8 JSON can still escape half of a surrogate pair (<c>"\uD800"</c>), which System.Text.Json refuses only
/// when that string is read, wherever that happens; every string of a request is read once for it as it arrives.
/// </summary>
public static class JsonStrings
{
    public const string LoneSurrogateRefusal =
        "The request is not valid JSON text: a string in it escapes half of a surrogate pair (\\uD800-\\uDFFF without its partner).";

    /// <summary>Whether every property name and string value of <paramref name="element"/> reads as Unicode text.</summary>
    public static bool AreUnicode(JsonElement element)
    {
        try
        {
            return Read(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(Read);
            case JsonValueKind.Object:
                return element.EnumerateObject().All(property => property.Name is not null && Read(property.Value));
            default:
                return true;
        }
    }
}
