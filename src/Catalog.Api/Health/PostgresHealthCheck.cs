using Catalog.Sync;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Catalog.Api.Health;

internal sealed class PostgresHealthCheck(IDocumentStore store, DependencyHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        health.ProbeAsync("Postgres", async ct =>
        {
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "select 1";
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }, cancellationToken);
}
