using Catalog.Sync.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Catalog.Sync.Runs;

/// <summary>
/// Asks both storage tiers whether they answer at all (a HEAD of their bucket, within <see cref="DependencyProbe.Timeout"/>)
/// before a batch's failures are taken for an outage (ADR 0090): a 5xx for a few objects while the tiers answer is those
/// objects' fault, and a run stopped for it would stop at the same files every night.
/// </summary>
public sealed class TierProbe(LocalTier local, CloudTier cloud)
{
    /// <summary>Null when both tiers answer; otherwise what each one that does not said.</summary>
    public async Task<string?> WhyNotAnsweringAsync(CancellationToken ct)
    {
        var answers = await Task.WhenAll(
            DependencyProbe.RunAsync("The local tier", async t => Answer(await local.BucketExistsAsync(t), "local", local.Bucket), ct),
            DependencyProbe.RunAsync("The cloud tier", async t => Answer(await cloud.BucketExistsAsync(t), "cloud", cloud.Bucket), ct));
        var failed = answers.Where(a => a.Status != HealthStatus.Healthy).Select(a => a.Description).ToList();
        return failed.Count == 0 ? null : string.Join(" ", failed);
    }

    private static HealthCheckResult Answer(bool bucketExists, string tier, string bucket) =>
        bucketExists ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"The {tier}-tier bucket {bucket} does not exist.");
}
