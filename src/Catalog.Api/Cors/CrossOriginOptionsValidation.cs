using Microsoft.Extensions.Options;

namespace Catalog.Api.Cors;

internal sealed class CrossOriginOptionsValidation : IValidateOptions<CrossOriginOptions>
{
    private const string S = CrossOriginOptions.Section;

    public ValidateOptionsResult Validate(string? name, CrossOriginOptions options)
    {
        var failures = options.AllowedOrigins
            .Select((origin, i) => (i, BrowserOrigin.Normalize(origin).Problem))
            .Where(x => x.Problem is not null)
            .Select(x => $"{S}:AllowedOrigins:{x.i} {x.Problem}.")
            .ToList();
        // Browsers keep a preflight for at most a day (Firefox), most for two hours; longer would only read as a promise.
        if (options.PreflightMaxAge < TimeSpan.Zero || options.PreflightMaxAge > TimeSpan.FromDays(1))
            failures.Add($"{S}:PreflightMaxAge must be between 00:00:00 and 1.00:00:00, got {options.PreflightMaxAge}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
