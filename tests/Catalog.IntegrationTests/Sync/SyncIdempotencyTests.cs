using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.SyncRuns;
using Catalog.Sync.Runs;
using Wolverine.Tracking;

namespace Catalog.IntegrationTests.Sync;

/// <summary>A synced file is never transferred or recorded twice, however the run is started or its messages delivered.</summary>
[Collection(SyncCollection.Name)]
public sealed class SyncIdempotencyTests(SyncHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_runs_started_at_once_are_one_run_and_move_every_file_once()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 4);

        var started = Array.Empty<Guid>();
        await host.Host.TrackActivity(TimeSpan.FromSeconds(90)).ExecuteAndWaitAsync(
            (Func<Wolverine.IMessageContext, Task>)(async _ => started = await Task.WhenAll(StartAsync(admin), StartAsync(admin))));

        Assert.Equal(started[0], started[1]);
        var run = Assert.Single(await sync.RunsAsync());
        Assert.Equal((SyncRunStatus.Finished, 4, 4), (run.Status, run.FilesTried, run.FilesSynced));
        Assert.Equal(4, host.CloudProxy.Puts);
        foreach (var (id, content) in files)
        {
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
            await sync.AssertInCloudAsync(owner, id, content);
        }
    }

    private async Task<Guid> StartAsync(TestUser admin) =>
        (await host.GraphQL.SendAsync("mutation { startSync { id } }", token: admin.Token))
        .ShouldSucceed().Data.GetProperty("startSync").GetProperty("id").GetGuid();

    [Fact]
    public async Task A_batch_message_delivered_three_times_moves_every_file_once()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 4);

        await host.Host.TrackActivity(TimeSpan.FromSeconds(90)).ExecuteAndWaitAsync(
            (Func<Wolverine.IMessageContext, Task>)(async bus =>
            {
                var started = await bus.InvokeAsync<SyncRunStartResult>(new StartSyncRun(admin.Id));
                // The start already sent batch 0; two more copies arrive as a redelivery would.
                await bus.SendAsync(new ContinueSyncRun(started.RunId, 0));
                await bus.SendAsync(new ContinueSyncRun(started.RunId, 0));
            }));

        var run = Assert.Single(await sync.RunsAsync());
        Assert.Equal((SyncRunStatus.Finished, 4, 4, 2), (run.Status, run.FilesTried, run.FilesSynced, run.Batches));
        Assert.Equal(4, host.CloudProxy.Puts);
        foreach (var (id, _) in files)
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
    }

    [Fact]
    public async Task A_batch_whose_record_fails_after_its_copies_were_recorded_still_counts_them()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, SyncHost.BatchSize + 1);
        host.BatchRecords.FailTheNext();

        var run = await sync.RunAsync(admin);

        Assert.False(host.BatchRecords.Armed); // the first batch's record failed, and its message was handled again
        Assert.Equal((SyncRunStatus.Finished, files.Count, files.Count, 0), (run.Status, run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Equal(files.Sum(f => (long)f.Content.Length), run.Bytes);
        foreach (var (id, _) in files)
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
    }

    [Fact]
    public async Task Starting_while_a_worker_moves_the_runs_files_sends_no_batch_again()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        await sync.SeedAsync(owner, 1);

        var held = host.CloudProxy.HoldTraffic();
        var tracked = await host.Host.TrackActivity(TimeSpan.FromSeconds(90)).ExecuteAndWaitAsync(
            (Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                await StartAsync(admin);
                await held.WaitAsync(TimeSpan.FromSeconds(30));
                await StartAsync(admin); // the batch's worker holds the work lock: a copy would only wait for it
                host.CloudProxy.Release();
            }));

        Assert.Single(tracked.Sent.MessagesOf<ContinueSyncRun>());
        Assert.Equal(1, Assert.Single(await sync.RunsAsync()).FilesSynced);
    }

    [Fact]
    public async Task Starting_while_a_run_runs_returns_the_running_one()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        await sync.SeedAsync(owner, 1);

        var held = host.CloudProxy.HoldTraffic();
        var running = sync.RunAsync(admin);
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        var second = (await host.GraphQL.SendAsync("mutation { startSync { id status } }", token: admin.Token))
            .ShouldSucceed().Data.GetProperty("startSync");
        host.CloudProxy.Release();
        var run = await running;

        Assert.Equal(run.Id, second.GetProperty("id").GetGuid());
        Assert.Equal("RUNNING", second.GetProperty("status").GetString());
        Assert.Single(await sync.RunsAsync());
        Assert.Equal(1, run.FilesSynced);
    }
}
