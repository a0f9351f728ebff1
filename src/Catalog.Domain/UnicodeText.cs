namespace Catalog.Domain;

public static class UnicodeText
{
    /// <summary>
    /// Whether <paramref name="text"/> is Unicode: no half of a surrogate pair without its partner (an escaped
    /// <c>\uD800</c> alone), which UTF-8 cannot encode and normalisation refuses.
    /// </summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return false;
        }
        return true;
    }
}
