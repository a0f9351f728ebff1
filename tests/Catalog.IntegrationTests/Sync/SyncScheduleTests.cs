using System.Globalization;
using Catalog.Domain.Sync;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.SyncRuns;
using Catalog.Sync.Scheduling;
using Npgsql;
using Wolverine;
using Wolverine.Tracking;

namespace Catalog.IntegrationTests.Sync;

/// <summary>
/// The nightly schedule. Time moves by handing the handlers chosen slots and by letting Wolverine play the
/// scheduled message it recorded; nothing waits for a clock. The configured slot is half a day away.
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class SyncScheduleTests(SyncHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private DateTimeOffset NextSlotAfter(DateTimeOffset instant) => SyncClock.NextRunAt(instant, host.NightlyAt, TimeZoneInfo.Utc);

    [Fact]
    public async Task Start_up_schedules_the_next_nightly_run_in_durable_storage()
    {
        var expected = NextSlotAfter(DateTimeOffset.UtcNow);

        var tracked = await sync.InvokeAsync(new EnsureSyncScheduled());

        var scheduled = tracked.Scheduled.SingleEnvelope<StartScheduledSyncRun>();
        Assert.Equal(new StartScheduledSyncRun(expected), scheduled.Message);
        Assert.Equal(expected, scheduled.ScheduledTime);
        Assert.Equal(expected, (await ScheduleAsync())!.NextRunAt);
        var stored = await host.Host.GetRuntime().Storage.Admin.AllIncomingAsync();
        Assert.Contains(stored, e => e.Status == EnvelopeStatus.Scheduled && e.ScheduledTime == expected
                                     && e.MessageType!.Contains(nameof(StartScheduledSyncRun), StringComparison.Ordinal));
        Assert.Empty(await sync.RunsAsync());

        var again = await sync.InvokeAsync(new EnsureSyncScheduled());
        Assert.Empty(again.Scheduled.Envelopes());
    }

    [Fact]
    public async Task A_nightly_slot_starts_one_run_and_schedules_the_next_which_starts_the_next_run()
    {
        var slot = NextSlotAfter(DateTimeOffset.UtcNow.AddDays(2));
        await StoreScheduleAsync(slot);

        var tracked = await sync.InvokeAsync(new StartScheduledSyncRun(slot));

        var run = Assert.Single(await sync.RunsAsync());
        Assert.Equal((SyncTrigger.Schedule, slot, SyncRunStatus.Finished), (run.Trigger, run.ScheduledFor, run.Status));
        var next = slot.AddDays(1);
        Assert.Equal(next, (await ScheduleAsync())!.NextRunAt);
        Assert.Equal(new StartScheduledSyncRun(next), tracked.Scheduled.SingleEnvelope<StartScheduledSyncRun>().Message);

        await tracked.PlayScheduledMessagesAsync(TimeSpan.FromSeconds(90));

        var runs = await sync.RunsAsync();
        Assert.Equal(2, runs.Count);
        Assert.Equal(next, runs[1].ScheduledFor);
        Assert.Equal(next.AddDays(1), (await ScheduleAsync())!.NextRunAt);
    }

    [Fact]
    public async Task A_slot_delivered_twice_at_once_starts_one_run()
    {
        var owner = await host.GraphQL.SignUpAsync();
        await sync.SeedAsync(owner, 2);
        var slot = NextSlotAfter(DateTimeOffset.UtcNow.AddDays(1));
        await StoreScheduleAsync(slot);

        await host.Host.TrackActivity(TimeSpan.FromSeconds(90)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async bus =>
        {
            await bus.SendAsync(new StartScheduledSyncRun(slot));
            await bus.SendAsync(new StartScheduledSyncRun(slot));
        }));

        var run = Assert.Single(await sync.RunsAsync());
        Assert.Equal((2, 2), (run.FilesTried, run.FilesSynced));
        Assert.Equal(2, host.CloudProxy.Puts);
        Assert.Equal(slot.AddDays(1), (await ScheduleAsync())!.NextRunAt);
    }

    [Fact]
    public async Task A_slot_the_schedule_has_moved_past_does_nothing()
    {
        var slot = NextSlotAfter(DateTimeOffset.UtcNow.AddDays(1));
        await StoreScheduleAsync(slot);

        await sync.InvokeAsync(new StartScheduledSyncRun(slot.AddDays(-1)));

        Assert.Empty(await sync.RunsAsync());
        Assert.Equal(slot, (await ScheduleAsync())!.NextRunAt);
    }

    [Fact]
    public async Task A_run_missed_while_the_service_was_down_starts_once_at_start_up()
    {
        var missed = NextSlotAfter(DateTimeOffset.UtcNow.AddDays(-1));
        Assert.True(missed < DateTimeOffset.UtcNow);
        await StoreScheduleAsync(missed);

        await sync.InvokeAsync(new EnsureSyncScheduled()); // what start-up does

        var run = Assert.Single(await sync.RunsAsync());
        Assert.Equal((SyncTrigger.Schedule, missed), (run.Trigger, run.ScheduledFor));
        var next = (await ScheduleAsync())!.NextRunAt;
        Assert.Equal(NextSlotAfter(DateTimeOffset.UtcNow), next);

        // The missed slot's own durable message turns up as well, and the service starts once more: still one run.
        await sync.InvokeAsync(new StartScheduledSyncRun(missed));
        await sync.InvokeAsync(new EnsureSyncScheduled());
        Assert.Single(await sync.RunsAsync());
        Assert.Equal(next, (await ScheduleAsync())!.NextRunAt);
    }

    [Fact]
    public async Task Changing_the_nightly_time_reschedules_and_the_old_slot_goes_stale()
    {
        await sync.InvokeAsync(new EnsureSyncScheduled());
        var old = (await ScheduleAsync())!.NextRunAt;
        var later = host.NightlyAt.AddHours(1);

        using (host.ChangeSyncOptions(o => o.LocalTime = later.ToString("HH:mm", CultureInfo.InvariantCulture)))
        {
            var tracked = await sync.InvokeAsync(new EnsureSyncScheduled());
            var expected = SyncClock.NextRunAt(DateTimeOffset.UtcNow, later, TimeZoneInfo.Utc);

            Assert.Equal(expected, (await ScheduleAsync())!.NextRunAt);
            Assert.Equal(new StartScheduledSyncRun(expected), tracked.Scheduled.SingleEnvelope<StartScheduledSyncRun>().Message);
            await sync.InvokeAsync(new StartScheduledSyncRun(old));
            Assert.Empty(await sync.RunsAsync());
        }
    }

    [Fact]
    public async Task A_slot_whose_start_loses_its_connection_is_tried_again_and_starts_its_run()
    {
        var slot = NextSlotAfter(DateTimeOffset.UtcNow.AddDays(1));
        await StoreScheduleAsync(slot);
        await using var locker = new NpgsqlConnection(host.ConnectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        // The start lock ("SYNCSTRT", SyncLocks), held so that the slot's handler waits for it on an open connection.
        await new NpgsqlCommand("select pg_advisory_xact_lock(x'53594E4353545254'::bigint)", locker, transaction).ExecuteNonQueryAsync();

        var tracked = await host.Host.TrackActivity(TimeSpan.FromSeconds(90)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async bus =>
            {
                await bus.SendAsync(new StartScheduledSyncRun(slot));
                int? waiting = null;
                Assert.True(await Eventually.HoldsAsync(() =>
                {
                    using var find = new NpgsqlCommand(
                        "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
                        locker, transaction);
                    waiting = find.ExecuteScalar() as int?;
                    return waiting is not null;
                }), "the slot's handler waited for the start lock");
                // Its connection dies as in a Postgres restart or a proxy's time-out at midnight.
                await new NpgsqlCommand($"select pg_terminate_backend({waiting})", locker, transaction).ExecuteNonQueryAsync();
                await transaction.RollbackAsync();
            }));

        Assert.Empty(tracked.MovedToErrorQueue.Envelopes());
        var run = Assert.Single(await sync.RunsAsync());
        Assert.Equal((SyncTrigger.Schedule, slot), (run.Trigger, run.ScheduledFor));
        Assert.Equal(slot.AddDays(1), (await ScheduleAsync())!.NextRunAt);
    }

    [Fact]
    public async Task A_slot_nobody_started_is_started_once_by_the_stall_watch()
    {
        var lost = NextSlotAfter(DateTimeOffset.UtcNow.AddDays(-1));
        using (host.ChangeSyncOptions(o => o.StallAfter = TimeSpan.FromMinutes(1)))
        {
            // What a slot dead-lettered after its last try leaves: the schedule on that slot, and no message for it.
            await StoreScheduleAsync(lost);

            Assert.True(await Eventually.HoldsAsync(async () => (await sync.RunsAsync()).Count > 0), "no run was started");
            var run = Assert.Single(await sync.RunsAsync());
            Assert.Equal((SyncTrigger.Schedule, lost), (run.Trigger, run.ScheduledFor));
            Assert.Equal(NextSlotAfter(DateTimeOffset.UtcNow), (await ScheduleAsync())!.NextRunAt);
            await Task.Delay(TimeSpan.FromSeconds(2)); // ten more checks of the watch
            Assert.Single(await sync.RunsAsync());
        }
    }

    private async Task StoreScheduleAsync(DateTimeOffset nextRunAt)
    {
        await using var session = host.OpenSession();
        session.Store(new SyncSchedule(SyncSchedule.Nightly, nextRunAt, host.SyncOptions.LocalTime, host.SyncOptions.TimeZone));
        await session.SaveChangesAsync();
    }

    private async Task<SyncSchedule?> ScheduleAsync()
    {
        await using var session = host.OpenSession();
        return await session.LoadAsync<SyncSchedule>(SyncSchedule.Nightly);
    }
}
