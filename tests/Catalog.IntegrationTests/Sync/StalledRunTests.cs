using Catalog.Domain.Files;
using Catalog.Domain.Sync;
using Marten;
using Npgsql;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.SyncRuns;
using Catalog.Sync.Runs;
using Wolverine.Tracking;

namespace Catalog.IntegrationTests.Sync;

/// <summary>A run whose batch message was lost does not stay running: its batch is sent again (ADR 0093).</summary>
[Collection(SyncCollection.Name)]
public sealed class StalledRunTests(SyncHost host) : IAsyncLifetime
{
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(1);
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_run_whose_batch_commit_answer_was_lost_goes_on_once_it_stalls()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 2 * SyncHost.BatchSize + 1);
        using var _ = host.ChangeSyncOptions(o => o.StallAfter = StallAfter);
        // The first batch's record lands, with the message for the second batch, but the handler is told it failed:
        // that message is stored for a worker that never hears of it.
        host.BatchRecords.LoseTheNextReply();

        var started = await sync.RunAsync(admin);
        var run = await sync.FinishedAsync(started.Id, TimeSpan.FromSeconds(60));

        Assert.False(host.BatchRecords.Armed);
        Assert.Equal((3, files.Count, files.Count, 0), (run.Batches, run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Equal(files.Sum(f => (long)f.Content.Length), run.Bytes);
        Assert.Equal(files.Count, host.CloudProxy.Puts);
        foreach (var (id, content) in files)
        {
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
            await sync.AssertInCloudAsync(owner, id, content);
        }
    }

    [Fact]
    public async Task A_stall_is_counted_from_the_runs_last_batch_not_from_its_start()
    {
        // A run started an hour ago whose batch 0 was recorded just now, and whose next message was lost.
        var runId = Guid.CreateVersion7();
        await using (var session = host.OpenSession())
        {
            var now = DateTimeOffset.UtcNow;
            session.Events.StartStream<SyncRun>(runId, new SyncRunStarted(runId, SyncTrigger.Admin, null, null, now.AddHours(-1)));
            await session.SaveChangesAsync();
            await using var connection = new NpgsqlConnection(host.ConnectionString);
            await connection.OpenAsync();
            var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
            await using var backdate = new NpgsqlCommand(
                $"""
                update {schema}.mt_events set timestamp = timestamp - interval '1 hour' where stream_id = @id;
                update {schema}.mt_streams set timestamp = timestamp - interval '1 hour', created = created - interval '1 hour' where id = @id;
                """, connection) { Parameters = { new NpgsqlParameter("id", runId) } };
            Assert.Equal(2, await backdate.ExecuteNonQueryAsync());
            session.Events.Append(runId, new SyncBatchCompleted(runId, 0, 0, 0, 0, 0, null, now));
            await session.SaveChangesAsync();
        }
        using var _ = host.ChangeSyncOptions(o => o.StallAfter = TimeSpan.FromSeconds(3));

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal((SyncRunStatus.Running, 1), await StatusAsync(runId));

        var run = await sync.FinishedAsync(runId, TimeSpan.FromSeconds(30));
        Assert.Equal(2, run.Batches); // batch 1, sent again once the run had recorded nothing for 3 s, found no file
    }

    private async Task<(SyncRunStatus, int)> StatusAsync(Guid runId)
    {
        var run = await sync.RunAsync(runId);
        return (run.Status, run.Batches);
    }

    [Fact]
    public async Task A_batch_that_takes_long_is_not_sent_again_while_its_worker_moves_files()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 1);
        using var _ = host.ChangeSyncOptions(o => o.StallAfter = StallAfter);

        var held = host.CloudProxy.HoldTraffic();
        var tracked = await host.Host.TrackActivity(TimeSpan.FromSeconds(90)).ExecuteAndWaitAsync(
            (Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                (await host.GraphQL.SendAsync("mutation { startSync { id } }", token: admin.Token)).ShouldSucceed();
                await held.WaitAsync(TimeSpan.FromSeconds(30));
                // Nothing is recorded for longer than the stall time, but the worker holds the work lock. Held for less
                // than the cloud requests' time-out (2 s), so the PUT is not tried again.
                await Task.Delay(StallAfter * 1.5);
                host.CloudProxy.Release();
            }));

        Assert.Single(tracked.Sent.MessagesOf<ContinueSyncRun>());
        var run = Assert.Single(await sync.RunsAsync());
        Assert.Equal((SyncRunStatus.Finished, 1, 1), (run.Status, run.FilesTried, run.FilesSynced));
        Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(files[0].Id));
    }
}
