using Catalog.Domain.Sync;
using Catalog.Sync.Runs;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Catalog.Sync.Scheduling;

public static class EnsureSyncScheduledHandler
{
    public static async Task Handle(
        EnsureSyncScheduled message, IDocumentSession session, IMessageContext bus, IOptions<SyncOptions> options,
        TimeProvider time, ILogger<EnsureSyncScheduled> logger, CancellationToken ct)
    {
        await SyncLocks.SerializeStartsAsync(session, ct);
        var settings = options.Value;
        var schedule = await session.LoadAsync<SyncSchedule>(SyncSchedule.Nightly, ct);
        if (!settings.ScheduleEnabled)
        {
            // Without the stored schedule every pending slot message is stale.
            if (schedule is not null)
                session.Delete(schedule);
            return;
        }

        var now = time.GetUtcNow();
        if (schedule is not null && schedule.NextRunAt <= now)
        {
            // Missed while the service was down: run it now. If the slot's own message survived as well, whichever
            // comes second finds the schedule moved on and does nothing, so the missed run happens once.
            logger.MissedRun(schedule.NextRunAt);
            await bus.SendAsync(new StartScheduledSyncRun(schedule.NextRunAt));
            return;
        }

        if (schedule is not null && schedule.LocalTime == settings.LocalTime && schedule.TimeZone == settings.TimeZone)
            return;
        // New, or Sync:LocalTime / Sync:TimeZone changed: the message already scheduled becomes stale.
        var due = SyncClock.NextRunAt(now, settings.RunTime, settings.RunTimeZone);
        session.Store(new SyncSchedule(SyncSchedule.Nightly, due, settings.LocalTime, settings.TimeZone));
        await bus.ScheduleAsync(new StartScheduledSyncRun(due), due);
        logger.Scheduled(due);
    }
}
