using Catalog.Api.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Catalog.IntegrationTests.Health;

/// <summary>Readiness waits for the host's last start hooks, which run after Kestrel already answers.</summary>
public sealed class StartedHealthCheckTests
{
    [Fact]
    public async Task Not_ready_until_the_host_has_started()
    {
        var lifetime = new Lifetime();
        var check = new StartedHealthCheck(lifetime);

        var starting = await check.CheckHealthAsync(new HealthCheckContext());
        await lifetime.Started.CancelAsync();
        var started = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, starting.Status);
        Assert.Equal("The service is still starting.", starting.Description);
        Assert.Equal(HealthStatus.Healthy, started.Status);
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Started { get; } = new();
        public CancellationToken ApplicationStarted => Started.Token;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
