using Catalog.Domain.Sync;
using Catalog.Projections.SyncRuns;
using Marten;
using Wolverine;

namespace Catalog.Sync.Runs;

internal static class SyncRunStarter
{
    /// <summary>
    /// Starts the run unless one is running; the caller holds the start lock (<see cref="SyncLocks.SerializeStartsAsync"/>).
    /// A running run that no worker is moving files for is nudged: its current batch is sent again, which is a no-op
    /// unless that message was lost. While a worker moves files the nudge would only wait for it and fail.
    /// </summary>
    public static async Task<SyncRunStartResult> BeginAsync(
        IDocumentSession session, IMessageContext bus, BeginSyncRun command, DateTimeOffset now, CancellationToken ct)
    {
        var running = await session.Query<SyncRunSummary>()
            .Where(r => r.Status == SyncRunStatus.Running)
            .OrderBy(r => r.StartedAt)
            .FirstOrDefaultAsync(ct);
        var decision = SyncRunDecisions.Begin(command, running?.Id, now);
        if (decision.Events.Count == 0 && running is not null)
        {
            if (!await SyncLocks.IsWorkTakenAsync(session, ct))
                await bus.SendAsync(new ContinueSyncRun(running.Id, running.Batches));
            return new SyncRunStartResult(running.Id, AlreadyRunning: true);
        }

        session.Events.StartStream<SyncRun>(command.RunId, decision.Events);
        await bus.SendAsync(new ContinueSyncRun(command.RunId, 0));
        return new SyncRunStartResult(command.RunId, AlreadyRunning: false);
    }
}
