using System.Text;

namespace Catalog.Domain.Files;

/// <summary>
/// Text that a browser would open as a page or as an image that runs scripts, whatever type it is declared as: its
/// root element, found past a BOM, blanks, comments, processing instructions (an XML declaration) and a doctype, is
/// <c>html</c>, <c>head</c> or <c>body</c> (a page), or <c>svg</c>, with or without a namespace prefix; or its
/// doctype names one of them. Fragments (a Vue component opening with <c>&lt;script&gt;</c>, a README opening with
/// <c>&lt;p&gt;</c>) and other XML are not markup here.
/// </summary>
public static class MarkupSniffer
{
    public const string Html = "text/html";
    public const string Svg = "image/svg+xml";

    /// <summary>The markup type <paramref name="head"/> opens with, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF').TrimStart();
        while (true)
        {
            if (Skip(ref text, "<!--", "-->") || Skip(ref text, "<?", "?>"))
                continue;
            if (text.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase))
            {
                if (TypeOf(NameAfter(text, "<!doctype".Length)) is { } declared)
                    return declared;
                if (!Skip(ref text, "<!", ">"))
                    return null;
                continue;
            }
            return text.StartsWith('<') ? TypeOf(NameAfter(text, 1)) : null;
        }
    }

    /// <summary>Moves past a construct that opens with <paramref name="open"/>; false when there is none, or it does not end in the head.</summary>
    private static bool Skip(ref string text, string open, string close)
    {
        if (!text.StartsWith(open, StringComparison.Ordinal))
            return false;
        var end = text.IndexOf(close, open.Length, StringComparison.Ordinal);
        if (end < 0)
            return false;
        text = text[(end + close.Length)..].TrimStart();
        return true;
    }

    // A name ends at a blank, '>' or '/'; a prefix ("s:svg") does not change what the element is.
    private static string NameAfter(string text, int start)
    {
        var rest = text[start..].TrimStart();
        var end = rest.IndexOfAny([' ', '\t', '\r', '\n', '>', '/', '[']);
        var name = end < 0 ? rest : rest[..end];
        return name[(name.LastIndexOf(':') + 1)..].ToLowerInvariant();
    }

    private static string? TypeOf(string element) => element switch
    {
        "html" or "head" or "body" => Html,
        "svg" => Svg,
        _ => null,
    };
}
