using Catalog.Domain.Sync;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Catalog.Sync.Scheduling;

/// <summary>
/// Sends the nightly slot again when its message was lost (ADR 0032). A slot whose start failed on every try is
/// dead-lettered, and the next slot's message, scheduled in the same rolled-back transaction, never existed: without
/// this the schedule would wait for a restart. <see cref="EnsureSyncScheduled"/> starts a missed slot at once, and a
/// slot delivered twice starts one run. Checked with the stall of running runs, on the same interval and patience.
/// </summary>
internal sealed class LostSlotWatch(IServiceScopeFactory scopes, ILogger<LostSlotWatch> logger)
{
    private (DateTimeOffset Slot, DateTimeOffset At)? sentAgain;

    public async Task CheckAsync(IQuerySession session, TimeSpan patience, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<SyncSchedule>(SyncSchedule.Nightly, ct) is not { } schedule)
            return;
        var sentAt = sentAgain is { } last && last.Slot == schedule.NextRunAt ? last.At : (DateTimeOffset?)null;
        if (!schedule.NeedsSendingAgain(sentAt, patience, now))
            return;

        logger.SlotLost(schedule.NextRunAt);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().SendAsync(new EnsureSyncScheduled());
        sentAgain = (schedule.NextRunAt, now);
    }
}
