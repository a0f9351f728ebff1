using Catalog.Projections.Usage;
using Marten;

namespace Catalog.Api.Persistence;

/// <summary>
/// At start-up, after the schema is applied and before requests are served: a database from before the usage table
/// (ADR 0076) has files but no usage rows, and quotas would count from zero. It is filled from the events once.
/// </summary>
internal sealed partial class OwnerUsageBackfill(IDocumentStore store, ILogger<OwnerUsageBackfill> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var owners = await OwnerUsageRebuild.FillIfEmptyAsync(store, cancellationToken);
        if (owners > 0)
            Filled(logger, owners);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Filled the usage rows of {Owners} owners from the file events")]
    private static partial void Filled(ILogger logger, int owners);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
