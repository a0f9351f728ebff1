using System.Collections;
using System.ComponentModel;
using System.Reflection;

namespace Catalog.Api.Diagnostics;

/// <summary>
/// A list setting given as one plain value, <c>Uploads__AllowedTypes=image/png</c> instead of
/// <c>Uploads__AllowedTypes__0</c>: the binder drops the value without a word and the list keeps its default, which for
/// an allow-list fails open. So does a group of settings given as one (<c>GraphQL__Batching=true</c> instead of
/// <c>GraphQL__Batching__Enabled=true</c>). Found from the options type's list, keyed and nested properties and read
/// from the configuration itself, where such a value is a section's own value. An empty value is the empty list it says.
/// </summary>
internal static class ListSettings
{
    public static IEnumerable<string> GivenAsOneValue<TOptions>(IConfiguration configuration, string section) =>
        typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            // A type the binder makes from one string (a Uri, a TimeSpan, a number) takes a plain value.
            .Where(p => !TypeDescriptor.GetConverter(p.PropertyType).CanConvertFrom(typeof(string)))
            .Where(p => !string.IsNullOrEmpty(configuration[$"{section}:{p.Name}"]))
            .Select(p => Refusal($"{section}:{p.Name}", p.PropertyType));

    private static string Refusal(string key, Type type)
    {
        var variable = key.Replace(":", "__", StringComparison.Ordinal);
        return typeof(IDictionary).IsAssignableFrom(type)
            ? $"{key} is a set of named values: give each as {variable}__<name> (or a JSON object in appsettings.json)."
            : typeof(IEnumerable).IsAssignableFrom(type)
            ? $"{key} is a list: give each item as {variable}__0, {variable}__1, … (or a JSON array in appsettings.json)."
            : $"{key} is a group of settings: give each as {variable}__<name>, e.g. {variable}__{FirstSetting(type)}.";
    }

    private static string FirstSetting(Type group) =>
        group.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).FirstOrDefault() ?? "Name";
}
