using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Catalog.Api.Health;

/// <summary>
/// Not ready until the host has started completely. Kestrel answers requests before the hosted services' last start
/// hooks (the start-up schedule check among them) have run; a load balancer should not send traffic before they have.
/// Starting is reported as degraded, not unhealthy: it is expected, and an unhealthy check is logged as an error.
/// <c>/health/ready</c> answers 503 for both.
/// </summary>
internal sealed class StartedHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStarted.IsCancellationRequested
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded("The service is still starting."));
}
