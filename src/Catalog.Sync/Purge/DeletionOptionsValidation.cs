using Microsoft.Extensions.Options;

namespace Catalog.Sync.Purge;

internal sealed class DeletionOptionsValidation : IValidateOptions<DeletionOptions>
{
    public ValidateOptionsResult Validate(string? name, DeletionOptions options)
    {
        var failures = new List<string>();
        if (options.RetentionPeriod <= TimeSpan.Zero || options.RetentionPeriod > DeletionOptions.MaximumRetention)
            failures.Add($"{DeletionOptions.Section}:RetentionPeriod must be between 00:00:01 and {DeletionOptions.MaximumRetention.Days}.00:00:00.");
        if (options.PurgeRetries is < 0 or > 10)
            failures.Add($"{DeletionOptions.Section}:PurgeRetries must be between 0 and 10.");
        if (options.PurgeRetryCooldown <= TimeSpan.Zero || options.PurgeRetryCooldown > TimeSpan.FromHours(1))
            failures.Add($"{DeletionOptions.Section}:PurgeRetryCooldown must be between 00:00:00.001 and 01:00:00.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
