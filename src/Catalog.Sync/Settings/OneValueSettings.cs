using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalog.Sync.Settings;

/// <summary>
/// A list setting given as one plain value, <c>Uploads__AllowedTypes=image/png</c> instead of
/// <c>Uploads__AllowedTypes__0</c>: the binder drops the value without a word and the list keeps its default, which for
/// an allow-list fails open. So does a group of settings given as one (<c>GraphQL__Batching=true</c> instead of
/// <c>GraphQL__Batching__Enabled=true</c>), a whole nested section among them (<c>GraphQL__Limits=5</c>). Found from the
/// options type's list, keyed and nested properties and read from the configuration itself, where such a value is a
/// section's own value. An empty value is the empty list it says.
/// </summary>
public static class OneValueSettings
{
    /// <summary>
    /// Binds an options type to its section, refusing at start-up a list or group in it given as one value, and a
    /// duration given as a bare number (<see cref="BareNumberDurations"/>).
    /// </summary>
    public static OptionsBuilder<TOptions> BindSection<TOptions>(
        this OptionsBuilder<TOptions> options, IConfiguration configuration, string section) where TOptions : class
    {
        options.Services.AddSingleton<IValidateOptions<TOptions>>(new Refusal<TOptions>(configuration, section));
        return options.Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    public static IEnumerable<string> GivenAsOneValue<TOptions>(IConfiguration configuration, string section)
    {
        var groups = typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !TakesOneValue(p.PropertyType))
            .Where(p => !string.IsNullOrEmpty(configuration[$"{section}:{p.Name}"]))
            .Select(p => Refused($"{section}:{p.Name}", p.PropertyType));
        // A nested section only: environment variables have no prefix and ignore case, so a stray SYNC or STORAGE of the
        // machine's would read as a top-level section's own value and stop the start.
        return string.IsNullOrEmpty(configuration[section]) || !section.Contains(':', StringComparison.Ordinal)
            ? groups
            : groups.Prepend($"{section} is a group of settings: give each as {section.Replace(":", "__", StringComparison.Ordinal)}__<name>.");
    }

    /// <summary>A type the binder makes from one string (a Uri, a TimeSpan, a number) takes a plain value.</summary>
    internal static bool TakesOneValue(Type type) => TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static string Refused(string key, Type type)
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

    private sealed class Refusal<TOptions>(IConfiguration configuration, string section) : IValidateOptions<TOptions> where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) =>
            GivenAsOneValue<TOptions>(configuration, section).Concat(BareNumberDurations.Given<TOptions>(configuration, section)).ToList()
                is { Count: > 0 } failures
                ? ValidateOptionsResult.Fail(failures)
                : ValidateOptionsResult.Success;
    }
}
