using Catalog.Domain.Sync;
using Catalog.Sync.Runs;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Catalog.Sync.Scheduling;

public static class StartScheduledSyncRunHandler
{
    /// <summary>
    /// A slot that fails (a dropped connection, Postgres restarting at midnight) is tried again: the next slot is
    /// scheduled in the same transaction, so a slot left in the dead letters would end the schedule until a restart.
    /// A retry after a commit that did land finds the slot claimed and does nothing.
    /// </summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException().RetryWithCooldown(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));

    /// <summary>
    /// Claims the slot, schedules the next one and starts the run, in one transaction under the start lock:
    /// a slot delivered twice, or by two instances, starts one run.
    /// </summary>
    public static async Task Handle(
        StartScheduledSyncRun message, IDocumentSession session, IMessageContext bus, IOptions<SyncOptions> options,
        TimeProvider time, ILogger<StartScheduledSyncRun> logger, CancellationToken ct)
    {
        await SyncLocks.SerializeStartsAsync(session, ct);
        var schedule = await session.LoadAsync<SyncSchedule>(SyncSchedule.Nightly, ct);
        var settings = options.Value;
        if (schedule is null || schedule.NextRunAt != message.SlotAt || !settings.ScheduleEnabled)
        {
            logger.StaleSlot(message.SlotAt);
            return;
        }

        var now = time.GetUtcNow();
        // From the later of the two: after a long outage the next slot is in the future, not another missed one.
        var next = SyncClock.NextRunAt(now > message.SlotAt ? now : message.SlotAt, settings.RunTime, settings.RunTimeZone);
        session.Store(new SyncSchedule(SyncSchedule.Nightly, next, settings.LocalTime, settings.TimeZone));
        await bus.ScheduleAsync(new StartScheduledSyncRun(next), next);
        logger.Scheduled(next);

        var started = await SyncRunStarter.BeginAsync(session, bus,
            new BeginSyncRun(Guid.CreateVersion7(now), SyncTrigger.Schedule, null, message.SlotAt), now, ct);
        if (!started.AlreadyRunning)
            logger.RunStarted(started.RunId, SyncTrigger.Schedule);
    }
}
