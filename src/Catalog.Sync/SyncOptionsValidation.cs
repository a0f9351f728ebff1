using System.Globalization;
using Microsoft.Extensions.Options;

namespace Catalog.Sync;

public sealed class SyncOptionsValidation : IValidateOptions<SyncOptions>
{
    private const string S = SyncOptions.Section;

    public ValidateOptionsResult Validate(string? name, SyncOptions o)
    {
        var failures = new List<string>();
        if (!TimeOnly.TryParseExact(o.LocalTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            failures.Add($"{S}:LocalTime must be a time of day as HH:mm (e.g. 00:00 or 02:30), got '{o.LocalTime}'.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone ?? "", out _))
            failures.Add($"{S}:TimeZone must be an IANA time zone id such as UTC or Europe/Berlin, got '{o.TimeZone}'.");
        Range(failures, "BatchSize", o.BatchSize, 1, 10_000);
        Range(failures, "MaxParallelTransfers", o.MaxParallelTransfers, 1, 64);
        Range(failures, "MultipartThresholdBytes", o.MultipartThresholdBytes, 1, 5L * 1024 * SyncOptions.MiB);
        // S3 wants parts of at least 5 MiB (all but the last); each part is held in memory once.
        Range(failures, "PartSizeBytes", o.PartSizeBytes, 5 * SyncOptions.MiB, 512 * SyncOptions.MiB);
        Range(failures, "MaxFailedRunsBeforeReport", o.MaxFailedRunsBeforeReport, 1, 1_000);
        Range(failures, "AttemptsPerFile", o.AttemptsPerFile, 1, 20);
        if (o.RetryCooldown < TimeSpan.Zero || o.RetryCooldown > TimeSpan.FromHours(1))
            failures.Add($"{S}:RetryCooldown must be between 00:00:00 and 01:00:00, got {o.RetryCooldown}.");
        // A whole batch may take 12 h (ContinueSyncRunHandler), which ends any longer try; CancelAfter refuses ~49 days.
        if (o.AttemptTimeout <= TimeSpan.Zero || o.AttemptTimeout > SyncOptions.BatchTimeLimit)
            failures.Add($"{S}:AttemptTimeout must be between 00:00:00.001 and 12:00:00, got {o.AttemptTimeout}.");
        else if (o.AttemptsPerFile is >= 1 and <= 20 && o.RetryCooldown >= TimeSpan.Zero && o.WorstTimeForOneFile() is var worst
                 && worst > SyncOptions.BatchTimeLimit)
            failures.Add($"{S}:AttemptsPerFile tries of {S}:AttemptTimeout, with the waits of {S}:RetryCooldown between them, " +
                         $"may take {worst} for one file, longer than the 12:00:00 a batch may take.");
        if (o.StallAfter < TimeSpan.FromSeconds(1) || o.StallAfter > TimeSpan.FromDays(1))
            failures.Add($"{S}:StallAfter must be between 00:00:01 and 1.00:00:00, got {o.StallAfter}.");
        if (o.StallCheckInterval < TimeSpan.FromMilliseconds(100) || o.StallCheckInterval > TimeSpan.FromHours(1))
            failures.Add($"{S}:StallCheckInterval must be between 00:00:00.1 and 01:00:00, got {o.StallCheckInterval}.");
        if (!Enum.IsDefined(o.Verification))
            failures.Add($"{S}:Verification must be Etag, ReadBack or StoreChecksum.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string key, long value, long min, long max)
    {
        if (value < min || value > max)
            failures.Add($"{S}:{key} must be between {min} and {max}, got {value}.");
    }
}
