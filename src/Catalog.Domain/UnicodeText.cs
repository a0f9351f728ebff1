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

    /// <summary>
    /// Whether <paramref name="text"/> can be normalised: well formed, and without U+FFFE (no character, a byte-order mark
    /// read the wrong way round), on which .NET's normalisation throws as well.
    /// </summary>
    public static bool CanNormalize(string text) => IsWellFormed(text) && !text.Contains('\uFFFE');
}
