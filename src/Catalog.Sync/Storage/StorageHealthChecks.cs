using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Catalog.Sync.Storage;

internal sealed class LocalTierHealthCheck(LocalTier tier, DependencyHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        health.ProbeAsync("The local tier", async ct => await tier.BucketExistsAsync(ct)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The local-tier bucket '{tier.Bucket}' does not exist."), cancellationToken);
}

internal sealed class CloudTierHealthCheck(CloudTier tier, DependencyHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        health.ProbeAsync("The cloud tier", async ct => await tier.BucketExistsAsync(ct)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The cloud-tier bucket '{tier.Bucket}' does not exist."), cancellationToken);
}
