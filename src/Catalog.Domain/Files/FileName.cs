using System.Globalization;
using System.Text;

namespace Catalog.Domain.Files;

/// <summary>
/// A client's file name is metadata only (storage keys are built by the service), but it is shown back to
/// people and put in Content-Disposition, so it is made safe here once.
/// </summary>
public static class FileName
{
    public const int MaximumLength = 255;
    public const string Fallback = "unnamed";

    private static readonly HashSet<string> ReservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return Fallback;

        var lastSegment = Normalizable(raw.Replace('\\', '/').Split('/').LastOrDefault(s => s.Length > 0) ?? "");
        var cleaned = new StringBuilder(lastSegment.Length);
        foreach (var c in lastSegment.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
                continue;
            cleaned.Append(c);
        }

        var name = TrimEnds(cleaned.ToString());
        if (name.Length == 0)
            return Fallback;
        if (ReservedDeviceNames.Contains(name.Split('.')[0].TrimEnd()))
            name = "_" + name;
        return TrimEnds(Truncate(name));
    }

    // Windows drops trailing dots and blanks, so "a. ." and "a" would name the same file there.
    private static string TrimEnds(string name) => name.Trim().TrimEnd('.', ' ').Trim();

    // Without what normalisation throws on: half of a surrogate pair, and U+FFFE (no character, a byte-order mark read
    // the wrong way round). Neither names anything.
    private static string Normalizable(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                result.Append(text[i]).Append(text[++i]);
            else if (!char.IsSurrogate(text[i]) && text[i] != '\uFFFE')
                result.Append(text[i]);
        }
        return result.ToString();
    }

    private static string Truncate(string name)
    {
        if (name.Length <= MaximumLength)
            return name;
        var extension = Path.GetExtension(name);
        if (extension.Length is 0 or > 16)
            extension = "";
        var cut = MaximumLength - extension.Length;
        // Never split a surrogate pair.
        if (char.IsHighSurrogate(name[cut - 1]))
            cut--;
        return name[..cut] + extension;
    }
}
