using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalog.Sync.Storage;

/// <summary>
/// Creates missing buckets at start-up when <c>Storage:EnsureBuckets</c> is on (local runs and tests). The service
/// cannot work without the local tier, so its failure stops the start, within <see cref="DependencyProbe.Timeout"/>
/// when it hangs, naming the setting; it works on without the cloud tier (ADR 0089), so a cloud tier that is down or
/// hung only costs a warning, and a later start creates the bucket. With it off (production), a bucket that does not
/// exist, or that the store refuses to this service's credentials, is a warning naming the settings: a misspelt cloud
/// bucket or a wrong key showed only when the first nightly run failed.
/// </summary>
internal sealed class BucketInitializer(
    LocalTier local, CloudTier cloud, IOptions<StorageOptions> options, IOptions<LocalTierOptions> localOptions,
    ILogger<BucketInitializer> logger) : IHostedService
{
    private static readonly TimeSpan BackgroundCheckPatience = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.EnsureBuckets)
        {
            // In the background: a tier that hangs must not hold the start (each check gives up after the probe's time).
            _ = WarnWhenUnusableAsync("local", local.Bucket, local.BucketExistsAsync, "uploads fail");
            _ = WarnWhenUnusableAsync("cloud", cloud.Bucket, cloud.BucketExistsAsync, "the nightly sync fails");
            return;
        }
        var localBucket = await EnsureAsync("The local tier", local.EnsureBucketAsync, cancellationToken);
        if (localBucket.Status != HealthStatus.Healthy)
            throw new StorageUnavailableException(
                $"Could not make sure the local-tier bucket {local.Bucket} exists at Storage:Local:Endpoint " +
                $"({localOptions.Value.Endpoint}): {localBucket.Description}", localBucket.Exception);
        var ensured = await EnsureAsync("The cloud tier", cloud.EnsureBucketAsync, cancellationToken);
        if (ensured.Status != HealthStatus.Healthy)
            logger.LogWarning("Could not make sure the cloud-tier bucket exists; starting without it: {Reason}", ensured.Description);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Whether the tier answers at all is the health checks' to report; this names only a bucket the service cannot use
    // although the store answers. In the background, so it may wait longer than a probe does: a first request of a cold
    // client on a busy machine.
    private async Task WarnWhenUnusableAsync(string tier, string bucket, Func<CancellationToken, Task<bool>> exists, string until)
    {
        var section = tier == "local" ? "Local" : "Cloud";
        using var patience = new CancellationTokenSource(BackgroundCheckPatience);
        try
        {
            if (!await exists(patience.Token))
                logger.LogWarning(
                    "The {Tier:l}-tier bucket {Bucket:l} does not exist (Storage:{Section:l}:Bucket), and Storage:EnsureBuckets is off: {Until:l} until it is created",
                    tier, bucket, section, until);
        }
        catch (Exception e) when (StorageFailures.RefusalOf(e) is { } answer)
        {
            logger.LogWarning(
                "The {Tier:l}-tier store refuses this service the bucket {Bucket:l} ({Answer:l}): check Storage:{Section:l}:Bucket, AccessKey, SecretKey and Region; {Until:l} until it is fixed",
                tier, bucket, answer, section, until);
        }
        catch (Exception)
        {
            // unreachable or failing: the tier's health check says so
        }
    }

    private static Task<HealthCheckResult> EnsureAsync(string tier, Func<CancellationToken, Task> ensureBucket, CancellationToken ct) =>
        DependencyProbe.RunAsync(tier, async token =>
        {
            await ensureBucket(token);
            return HealthCheckResult.Healthy();
        }, ct);
}
