using System.Globalization;
using System.Text.RegularExpressions;

namespace Catalog.Api.GraphQL.Schema;

/// <summary>
/// The one form of a moment clients send: ISO 8601 / RFC 3339 date and time with its offset (<c>Z</c> or
/// <c>+hh:mm</c>). Without an offset a moment depends on the server's time zone, and culture formats
/// (<c>11/30/2026</c>) on its culture, so both are refused.
/// </summary>
public static partial class IsoTimestamp
{
    public const string Expected = "an ISO 8601 date and time with its offset, e.g. 2026-11-30T04:29:50Z or 2026-11-30T10:59:50+05:30";

    public static bool TryParse(string? text, out DateTimeOffset moment)
    {
        moment = default;
        return text is not null && Form().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out moment);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
