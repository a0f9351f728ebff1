using System.Collections;
using System.Reflection;

namespace Catalog.Api.Diagnostics;

/// <summary>
/// A list setting given as one plain value, <c>Uploads__AllowedTypes=image/png</c> instead of
/// <c>Uploads__AllowedTypes__0</c>: the binder drops the value without a word and the list keeps its default, which for
/// an allow-list fails open. Found from the options type's list and keyed properties and read from the configuration
/// itself, where such a value is a section's own value. An empty value is the empty list it says.
/// </summary>
internal static class ListSettings
{
    public static IEnumerable<string> GivenAsOneValue<TOptions>(IConfiguration configuration, string section) =>
        typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType))
            .Where(p => !string.IsNullOrEmpty(configuration[$"{section}:{p.Name}"]))
            .Select(p => Refusal($"{section}:{p.Name}", keyed: typeof(IDictionary).IsAssignableFrom(p.PropertyType)));

    private static string Refusal(string key, bool keyed)
    {
        var variable = key.Replace(":", "__", StringComparison.Ordinal);
        return keyed
            ? $"{key} is a set of named values: give each as {variable}__<name> (or a JSON object in appsettings.json)."
            : $"{key} is a list: give each item as {variable}__0, {variable}__1, … (or a JSON array in appsettings.json).";
    }
}
