using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Catalog.Sync.Storage;

internal sealed class LocalTierHealthCheck(LocalTier tier) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await tier.BucketExistsAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The local-tier bucket '{tier.Bucket}' does not exist.");
}

internal sealed class CloudTierHealthCheck(CloudTier tier) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await tier.BucketExistsAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The cloud-tier bucket '{tier.Bucket}' does not exist.");
}
