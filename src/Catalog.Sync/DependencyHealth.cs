using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Catalog.Sync;

/// <summary>
/// Asks a dependency whether it answers (<see cref="DependencyProbe"/>) and logs its health when that changes: one
/// warning when it stops answering, one line when it is back. The health check service's own line, an error on every
/// probe for as long as an outage lasts, is silenced in the log settings (ADR 0089).
/// </summary>
public sealed class DependencyHealth(ILogger<DependencyHealth> logger)
{
    private readonly Dictionary<string, HealthStatus> last = [];

    public async Task<HealthCheckResult> ProbeAsync(
        string dependency, Func<CancellationToken, Task<HealthCheckResult>> question, CancellationToken ct)
    {
        var result = await DependencyProbe.RunAsync(dependency, question, ct);
        HealthStatus before;
        lock (last)
        {
            // Healthy until told otherwise, so a dependency down from the start is reported at its first probe.
            before = last.GetValueOrDefault(dependency, HealthStatus.Healthy);
            last[dependency] = result.Status;
        }
        if (before != result.Status)
        {
            if (result.Status == HealthStatus.Healthy)
                logger.DependencyBack(dependency);
            else
                logger.DependencyDown(dependency, result.Description);
        }
        return result;
    }
}

internal static partial class DependencyHealthLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Health: {Dependency} is unhealthy: {Description}")]
    public static partial void DependencyDown(this ILogger logger, string dependency, string? description);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health: {Dependency} answers again")]
    public static partial void DependencyBack(this ILogger logger, string dependency);
}
