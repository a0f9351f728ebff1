using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Catalog.Sync.Settings;

/// <summary>
/// A duration given as a bare number, <c>Auth__TokenLifetime=30</c>: .NET reads it as 30 days, where the operator most
/// likely meant seconds or minutes, and a limit of 30 days passes most checks. Such a value is refused at start with
/// the two ways of writing what may have been meant; a duration is written <c>[d.]hh:mm[:ss[.fff]]</c>.
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
                if (configuration[key]?.Trim() is { } value && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
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
        type.IsClass && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && !TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static string Refused(string key, string value, long number)
    {
        var abs = Math.Abs(number);
        var sign = number < 0 ? "-" : "";
        var asSeconds = abs < 86_400 ? $"{sign}{TimeSpan.FromSeconds(abs):c}" : null;
        return $"{key} is {value}, which .NET reads as {number} days: give a duration as [d.]hh:mm:ss, e.g. " +
               (asSeconds is null ? "" : $"{asSeconds} for {number} seconds, or ") +
               $"{sign}{abs}.00:00:00 for {number} days.";
    }
}
