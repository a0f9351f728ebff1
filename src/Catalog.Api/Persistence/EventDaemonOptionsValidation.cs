using Microsoft.Extensions.Options;

namespace Catalog.Api.Persistence;

internal sealed class EventDaemonOptionsValidation : IValidateOptions<EventDaemonOptions>
{
    private const string S = EventDaemonOptions.Section;
    private static readonly TimeSpan MinimumPolling = TimeSpan.FromMilliseconds(10);
    // Beyond ~49.7 days the daemon's wait throws and its loop faults and restarts; an hour is already a long time for
    // a missed notification to wait.
    private static readonly TimeSpan MaximumPolling = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, EventDaemonOptions options)
    {
        var failures = new List<string>();
        if (options.FastPollingTime < MinimumPolling || options.FastPollingTime > MaximumPolling)
            failures.Add($"{S}:FastPollingTime must be between 00:00:00.010 and 01:00:00, got {options.FastPollingTime}.");
        if (options.SlowPollingTime > MaximumPolling)
            failures.Add($"{S}:SlowPollingTime must be at most 01:00:00, got {options.SlowPollingTime}.");
        else if (options.SlowPollingTime < options.FastPollingTime)
            failures.Add($"{S}:SlowPollingTime must be at least {S}:FastPollingTime.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
