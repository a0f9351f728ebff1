using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Catalog.Sync.Settings;

/// <summary>
/// A duration given as a bare number, <c>Auth__TokenLifetime=30</c>: .NET reads it as 30 days, where the operator most
/// likely meant seconds or minutes, and a limit of 30 days passes most checks. Such a value is refused at start with
/// the ways of writing what may have been meant; a duration is written <c>[d.]hh:mm[:ss[.fff]]</c>.
/// </summary>
public static class BareNumberDurations
{
    private const int DeepestGroup = 4;

    public static IEnumerable<string> Given<TOptions>(IConfiguration configuration, string section) =>
        Given(typeof(TOptions), configuration, section, depth: 0);

    private static IEnumerable<string> Given(Type options, IConfiguration configuration, string section, int depth)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{section}:{property.Name}";
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (type == typeof(TimeSpan))
            {
                // Zero is the same in every unit, and some settings mean it (a keep-alive turned off, no grace).
                if (configuration[key]?.Trim() is { } value && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    && number != 0)
                    yield return Refused(key, value, number);
            }
            else if (depth < DeepestGroup && IsGroup(type))
            {
                foreach (var refused in Given(type, configuration, key, depth + 1))
                    yield return refused;
            }
        }
    }

    private static bool IsGroup(Type type) =>
        type.IsClass && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && !OneValueSettings.TakesOneValue(type);

    /// <summary>The message offers the number read as seconds, minutes and days, each where it fits in its unit.</summary>
    private static string Refused(string key, string value, long number)
    {
        var n = Math.Abs(number);
        var readings = new List<string>();
        if (n < 86_400)
            readings.Add($"{TimeSpan.FromSeconds(n):c} for {n} seconds");
        if (n < 1_440)
            readings.Add($"{TimeSpan.FromMinutes(n):c} for {n} minutes");
        readings.Add($"{n}.00:00:00 for {n} days");
        return $"{key} is {value}, which .NET reads as {number} days: give a duration as [d.]hh:mm:ss, e.g. {string.Join(", ", readings)}.";
    }
}
