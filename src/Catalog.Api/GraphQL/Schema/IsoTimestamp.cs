using System.Globalization;
using System.Text.RegularExpressions;
using Catalog.Api.Errors;

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
        if (text is null || Form().Match(text) is not { Success: true } form)
            return false;
        // RFC 3339 allows any number of fractional digits; .NET reads seven (a tick). Finer ones round the moment up to
        // the next tick, as a bound is rounded up to what Postgres stores (AuditTrailQuery), so "at or after" keeps
        // its meaning.
        var fraction = form.Groups["fraction"];
        var finer = fraction.Length > 8 ? text.AsSpan(fraction.Index + 8, fraction.Length - 8) : [];
        var ticks = finer.IsEmpty ? text : text.Remove(fraction.Index + 8, finer.Length);
        if (!DateTimeOffset.TryParse(ticks, CultureInfo.InvariantCulture, DateTimeStyles.None, out moment))
            return false;
        if (finer.ContainsAnyExcept('0') && moment.UtcTicks < DateTimeOffset.MaxValue.UtcTicks)
            moment = moment.AddTicks(1);
        return true;
    }

    /// <summary>What is wrong with <paramref name="text"/>, which <see cref="TryParse"/> refused, in a sentence.</summary>
    public static string WhyNot(string text)
    {
        if (!Form().IsMatch(text))
            return $"'{Echo.Of(text)}' is not {Expected}.";
        var local = text.EndsWith('Z') || text.EndsWith('z') ? text[..^1] : text[..^6];
        return DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? $"'{Echo.Of(text)}' is out of range: the offset must be within ±14:00, and the moment in UTC between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z."
            : $"'{Echo.Of(text)}' is not a date and time that exists (a day past the month's last, an hour past 23, a minute or second past 59).";
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(?<fraction>\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
