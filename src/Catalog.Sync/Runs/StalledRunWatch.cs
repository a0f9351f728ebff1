using Catalog.Domain.Sync;
using Catalog.Projections.SyncRuns;
using Catalog.Sync.Scheduling;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Catalog.Sync.Runs;

/// <summary>
/// Sends a running run's current batch again when the run stalls (ADR 0093). A batch message can be lost while the
/// run goes on being "running": a commit that lands after its client gave up stores the next batch's message for a
/// handler that never hears of it, and a batch whose retries all fail during a long outage is dead-lettered. A copy
/// sent again is a no-op if the batch was done after all, and waits its turn if a worker turns up. Each check also
/// looks for a nightly slot that nobody started (<see cref="LostSlotWatch"/>).
/// </summary>
internal sealed class StalledRunWatch(
    IDocumentStore store, IServiceScopeFactory scopes, IOptions<SyncOptions> options, TimeProvider time,
    ILogger<StalledRunWatch> logger, ILogger<LostSlotWatch> slotLogger) : BackgroundService
{
    private readonly LostSlotWatch slots = new(scopes, slotLogger);
    private readonly Dictionary<Guid, StalledBatchResends> resends = [];
    private bool failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.StallCheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // The host stopping, or giving up on a start that failed after this watch began (a port in use): the
                // host reports only the first as a stop, so ending quietly here keeps the second from logging a fault.
                return;
            }
            try
            {
                await CheckAsync(stoppingToken);
                failing = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Postgres down, most likely: said once per outage, and each check tries again.
                if (!failing)
                    logger.StallCheckFailed(e.Message);
                failing = true;
            }
        }
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        await slots.CheckAsync(session, options.Value.StallAfter, time.GetUtcNow(), ct);
        var running = await session.Query<SyncRunSummary>().Where(r => r.Status == SyncRunStatus.Running).ToListAsync(ct);
        foreach (var gone in resends.Keys.Except(running.Select(r => r.Id)).ToList())
            resends.Remove(gone);
        if (running.Count == 0 || await SyncLocks.IsWorkTakenAsync(session, ct))
            return;

        var settings = options.Value;
        foreach (var run in running)
        {
            // The stream's own timestamp is when it was created; its last event says when the run last moved.
            var lastProgressAt = await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId == run.Id)
                .OrderByDescending(e => e.Version)
                .Select(e => e.Timestamp)
                .FirstOrDefaultAsync(ct);
            var earlier = resends.GetValueOrDefault(run.Id);
            var now = time.GetUtcNow();
            if (!SyncRunStall.IsDue(run.Batches, lastProgressAt, earlier, settings.StallAfter, now))
                continue;

            logger.RunStalled(run.Id, run.Batches, lastProgressAt);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().SendAsync(new ContinueSyncRun(run.Id, run.Batches));
            resends[run.Id] = SyncRunStall.Resent(run.Batches, lastProgressAt, earlier, now);
        }
    }
}
