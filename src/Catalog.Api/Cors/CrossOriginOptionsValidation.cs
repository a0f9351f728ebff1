using Microsoft.Extensions.Options;

namespace Catalog.Api.Cors;

/// <summary>
/// <c>Cors</c> checked at start. The origins are read from the configuration itself, so a message names the key as it
/// was written (the binder renumbers <c>__0</c>, <c>__7</c> to 0, 1) and an item given as a group, which the binder drops
/// without a word, is caught.
/// </summary>
internal sealed class CrossOriginOptionsValidation(IConfiguration configuration) : IValidateOptions<CrossOriginOptions>
{
    private const string S = CrossOriginOptions.Section;

    public ValidateOptionsResult Validate(string? name, CrossOriginOptions options)
    {
        var failures = new List<string>();
        foreach (var item in configuration.GetSection($"{S}:{nameof(CrossOriginOptions.AllowedOrigins)}").GetChildren())
        {
            if (item.GetChildren().Any())
                failures.Add($"{S}:AllowedOrigins:{item.Key} is a group of settings, not an origin: give the origin itself, " +
                             $"e.g. {S}__AllowedOrigins__{item.Key}=https://dashboard.example.com.");
            else if (BrowserOrigin.Normalize(item.Value ?? "").Problem is { } problem)
                failures.Add($"{S}:AllowedOrigins:{item.Key} {problem}.");
        }
        // Browsers keep a preflight for at most a day (Firefox), most for two hours; longer would only read as a promise.
        // The header carries whole seconds.
        if (options.PreflightMaxAge < TimeSpan.Zero || options.PreflightMaxAge > TimeSpan.FromDays(1))
            failures.Add($"{S}:PreflightMaxAge must be between 00:00:00 and 1.00:00:00, got {options.PreflightMaxAge}.");
        else if (options.PreflightMaxAge.Ticks % TimeSpan.TicksPerSecond != 0)
            failures.Add($"{S}:PreflightMaxAge must be whole seconds (browsers read Access-Control-Max-Age so), got {options.PreflightMaxAge}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
