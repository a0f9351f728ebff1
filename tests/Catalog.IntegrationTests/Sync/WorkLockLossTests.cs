using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.SyncRuns;
using Catalog.Sync.Runs;
using Npgsql;
using Serilog.Events;
using Wolverine.Tracking;

namespace Catalog.IntegrationTests.Sync;

/// <summary>
/// The work lock's connection dies while its batch moves files, as a proxy's or Postgres' idle time-out or
/// <c>pg_terminate_backend</c> ends it (ADR 0031): the batch goes on without the lock, and is recorded once.
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class WorkLockLossTests(SyncHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_batch_that_lost_its_work_lock_is_recorded_once_and_not_reported_as_failed()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 2);
        var logged = host.Log.Events.Count;

        var held = host.CloudProxy.HoldTraffic();
        var tracked = await host.Host.TrackActivity(TimeSpan.FromSeconds(90)).ExecuteAndWaitAsync(
            (Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                (await host.GraphQL.SendAsync("mutation { startSync { id } }", token: admin.Token)).ShouldSucceed();
                await held.WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Equal(1, await CutTheWorkLocksConnectionAsync());
                host.CloudProxy.Release();
            }));

        var run = Assert.Single(await sync.RunsAsync());
        Assert.Equal((SyncRunStatus.Finished, 1, 2, 2), (run.Status, run.Batches, run.FilesTried, run.FilesSynced));
        foreach (var (id, content) in files)
        {
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
            await sync.AssertInCloudAsync(owner, id, content);
        }
        // The batch was done and recorded: releasing a lock that died with its connection is no failure to retry.
        Assert.Single(tracked.Executed.MessagesOf<ContinueSyncRun>());
        var since = host.Log.Events.Skip(logged).ToList();
        Assert.DoesNotContain(since, e => e.Level >= LogEventLevel.Error);
        Assert.Contains(since, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("work lock was lost"));
    }

    [Fact]
    public async Task A_batch_sent_again_while_its_worker_goes_on_without_the_lock_moves_and_evicts_every_file_once()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 2);
        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);

        var held = host.CloudProxy.HoldTraffic();
        var tracked = await host.Host.TrackActivity(TimeSpan.FromSeconds(90)).ExecuteAndWaitAsync(
            (Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                (await host.GraphQL.SendAsync("mutation { startSync { id } }", token: admin.Token)).ShouldSucceed();
                await held.WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Equal(1, await CutTheWorkLocksConnectionAsync());
                // No worker seems to hold the lock now, so a start nudges the run: a second worker takes the same batch
                // while the first still has its copies on the wire.
                (await host.GraphQL.SendAsync("mutation { startSync { id } }", token: admin.Token)).ShouldSucceed();
                await Task.Delay(TimeSpan.FromSeconds(1));
                host.CloudProxy.Release();
            }));

        Assert.Equal(2, tracked.Sent.MessagesOf<ContinueSyncRun>().Count());
        var run = Assert.Single(await sync.RunsAsync());
        Assert.Equal((SyncRunStatus.Finished, 1, 2, 2, 0), (run.Status, run.Batches, run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Equal(files.Sum(f => (long)f.Content.Length), run.Bytes);
        foreach (var (id, content) in files)
        {
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
            Assert.Single(await sync.EventsAsync<LocalCopyEvicted>(id));
            await sync.AssertInCloudAsync(owner, id, content);
        }
        Assert.Empty(await host.LocalBucket.KeysUnderAsync($"{owner.Id}/"));
    }

    [Fact]
    public async Task A_run_counts_what_its_files_streams_say_when_a_worker_without_the_lock_records_beside_the_one_with_it()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 2);

        var cloudHeld = host.CloudProxy.HoldTraffic();
        await host.Host.TrackActivity(TimeSpan.FromSeconds(90)).ExecuteAndWaitAsync(
            (Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                // The first worker has both copies on the wire when its lock dies with its connection.
                (await host.GraphQL.SendAsync("mutation { startSync { id } }", token: admin.Token)).ShouldSucceed();
                await cloudHeld.WaitAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                Assert.Equal(1, await CutTheWorkLocksConnectionAsync());
                // A second worker takes the lock and the same batch, and reads its files' states before any is recorded.
                var localHeld = host.LocalProxy.HoldTraffic();
                (await host.GraphQL.SendAsync("mutation { startSync { id } }", token: admin.Token)).ShouldSucceed();
                await localHeld.WaitAsync(TimeSpan.FromSeconds(30));
                // The first worker's copies get through, the second's not: the cloud tier goes out between them. And a
                // batch's record is lost once, as a dropped connection loses it.
                host.CloudProxy.RefusePutsAfter(2);
                host.BatchRecords.FailTheNext();
                host.CloudProxy.Release();
                Assert.True(await Eventually.HoldsAsync(() => host.CloudProxy.Puts >= 2));
                await Task.Delay(TimeSpan.FromSeconds(2));
                host.LocalProxy.Release();
            }));

        var run = Assert.Single(await sync.RunsAsync());
        Assert.Equal(SyncRunStatus.Finished, run.Status);
        var synced = 0;
        foreach (var (id, _) in files)
            synced += (await sync.EventsAsync<FileSyncedToCloud>(id)).Count(e => e.RunId == run.Id);
        Assert.Equal((files.Count, synced, files.Count - synced), (run.FilesTried, run.FilesSynced, run.FilesFailed));
    }

    /// <summary>Ends the connection that holds the work lock; returns how many there were.</summary>
    private async Task<int> CutTheWorkLocksConnectionAsync()
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        // The bigint key shows as its high half in classid and its low half in objid ("SYNC", "WORK").
        await using var cut = new NpgsqlCommand(
            """
            select count(pg_terminate_backend(pid)) from pg_locks
            where locktype = 'advisory' and granted and objsubid = 1
              and database = (select oid from pg_database where datname = current_database())
              and classid = x'53594E43'::bigint::oid and objid = x'574F524B'::bigint::oid
            """, connection);
        return Convert.ToInt32(await cut.ExecuteScalarAsync());
    }
}
