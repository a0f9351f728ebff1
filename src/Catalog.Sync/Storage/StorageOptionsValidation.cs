using Microsoft.Extensions.Options;

namespace Catalog.Sync.Storage;

internal sealed class LocalTierOptionsValidation : IValidateOptions<LocalTierOptions>
{
    // CancelAfter's own limit is about 49 days; a stall of an hour is already an outage.
    private static readonly TimeSpan MaxStallTimeout = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, LocalTierOptions options)
    {
        var failures = new List<string>();
        if (options.Endpoint is not { IsAbsoluteUri: true } endpoint || endpoint.Scheme is not ("http" or "https"))
            failures.Add($"{LocalTierOptions.Section}:Endpoint must be an absolute http(s) URL, e.g. http://127.0.0.1:9000.");
        if (options.PublicEndpoint is { } publicEndpoint && (!publicEndpoint.IsAbsoluteUri || publicEndpoint.Scheme is not ("http" or "https")))
            failures.Add($"{LocalTierOptions.Section}:PublicEndpoint must be an absolute http(s) URL, or empty for Endpoint.");
        Require(failures, options.AccessKey, $"{LocalTierOptions.Section}:AccessKey");
        Require(failures, options.SecretKey, $"{LocalTierOptions.Section}:SecretKey");
        BucketNames.Validate(failures, options.Bucket, $"{LocalTierOptions.Section}:Bucket");
        Require(failures, options.Region, $"{LocalTierOptions.Section}:Region");
        if (options.MultipartThresholdBytes is < 5L * 1024 * 1024 or > 5L * 1024 * 1024 * 1024)
            failures.Add($"{LocalTierOptions.Section}:MultipartThresholdBytes must be between 5 MiB (5242880) and 5 GiB (5368709120).");
        if (options.MultipartPartBytes is < 5L * 1024 * 1024 or > 512L * 1024 * 1024)
            failures.Add($"{LocalTierOptions.Section}:MultipartPartBytes must be between 5 MiB (5242880) and 512 MiB (536870912).");
        if (options.StallTimeout <= TimeSpan.Zero || options.StallTimeout > MaxStallTimeout)
            failures.Add($"{LocalTierOptions.Section}:StallTimeout must be positive and at most {MaxStallTimeout}, got {options.StallTimeout}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static void Require(List<string> failures, string value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
            failures.Add($"{key} is required.");
    }
}

internal sealed class CloudTierOptionsValidation : IValidateOptions<CloudTierOptions>
{
    private static readonly TimeSpan MaxRequestTimeout = SyncOptions.BatchTimeLimit;

    public ValidateOptionsResult Validate(string? name, CloudTierOptions options)
    {
        var failures = new List<string>();
        if (options.ServiceUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
            failures.Add($"{CloudTierOptions.Section}:ServiceUrl must be an absolute http(s) URL, or empty for AWS.");
        if (options.PublicServiceUrl is { } publicUrl && (!publicUrl.IsAbsoluteUri || publicUrl.Scheme is not ("http" or "https")))
            failures.Add($"{CloudTierOptions.Section}:PublicServiceUrl must be an absolute http(s) URL, or empty for ServiceUrl.");
        LocalTierOptionsValidation.Require(failures, options.Region, $"{CloudTierOptions.Section}:Region");
        // Neither key means the AWS SDK's default credentials; one without the other is a mistake, not a choice.
        if (string.IsNullOrWhiteSpace(options.AccessKey) != string.IsNullOrWhiteSpace(options.SecretKey))
        {
            var (missing, given) = string.IsNullOrWhiteSpace(options.AccessKey) ? ("AccessKey", "SecretKey") : ("SecretKey", "AccessKey");
            failures.Add($"{CloudTierOptions.Section}:{missing} is required when {CloudTierOptions.Section}:{given} is set " +
                         "(leave both empty for the AWS SDK's default credentials).");
        }
        BucketNames.Validate(failures, options.Bucket, $"{CloudTierOptions.Section}:Bucket");
        // The AWS SDK refuses more than ~24.8 days without naming the key; a try of the sync ends after 12 h anyway.
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > MaxRequestTimeout)
            failures.Add($"{CloudTierOptions.Section}:RequestTimeout must be positive and at most {MaxRequestTimeout}, got {options.RequestTimeout}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static class BucketNames
{
    public static void Validate(List<string> failures, string bucket, string key)
    {
        var valid = bucket.Length is >= 3 and <= 63
            && bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')
            && char.IsAsciiLetterOrDigit(bucket[0]) && char.IsAsciiLetterOrDigit(bucket[^1]);
        if (!valid)
            failures.Add($"{key} must be an S3 bucket name (3-63 lowercase letters, digits, '-' or '.'), got '{bucket}'.");
    }
}
