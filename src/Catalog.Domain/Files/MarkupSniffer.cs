using System.Text;

namespace Catalog.Domain.Files;

/// <summary>
/// Text that a browser would run as a page or an image with scripts, whatever type it is declared as: HTML by its
/// opening tag (the WHATWG sniffing patterns that only a page starts with), SVG by its root element, and XML whose
/// head holds either. Other text, XML included, is not markup here.
/// </summary>
public static class MarkupSniffer
{
    public const string Html = "text/html";
    public const string Svg = "image/svg+xml";

    private static readonly string[] HtmlOpenings = ["<!doctype html", "<html", "<head", "<body", "<script", "<iframe"];
    private static readonly string[] SvgOpenings = ["<svg", "<!doctype svg"];

    /// <summary>The markup type <paramref name="head"/> opens with, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF').TrimStart();
        if (!text.StartsWith('<'))
            return null;
        if (Opens(text, HtmlOpenings))
            return Html;
        if (Opens(text, SvgOpenings))
            return Svg;
        if (!text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase))
            return null;
        // An XML document whose root is svg, or an XHTML page, runs scripts in a browser like the real thing.
        return text.Contains("<svg", StringComparison.OrdinalIgnoreCase) ? Svg
            : text.Contains("http://www.w3.org/1999/xhtml", StringComparison.OrdinalIgnoreCase)
              || text.Contains("<script", StringComparison.OrdinalIgnoreCase) ? Html
            : null;
    }

    // A tag name ends at a blank, '>' or '/': "<html" opens a page, "<htmlish" does not.
    private static bool Opens(string text, string[] openings) =>
        openings.Any(o => text.StartsWith(o, StringComparison.OrdinalIgnoreCase)
                          && (text.Length == o.Length || char.IsWhiteSpace(text[o.Length]) || text[o.Length] is '>' or '/'));
}
