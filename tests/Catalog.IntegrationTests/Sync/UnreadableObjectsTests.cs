using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Storage;

namespace Catalog.IntegrationTests.Sync;

/// <summary>
/// Objects the local tier cannot serve (a 5xx for each of them) while it serves every other one are those files' own
/// failures: a run cut short for an outage starts over at the same first files, so counting them as one would hold
/// back every file behind them for ever (ADR 0090).
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class UnreadableObjectsTests(SyncHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Files_whose_local_objects_answer_500_fail_alone_and_do_not_hold_back_the_others()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        // Uploaded first, so they lead every run's candidates (id order), and as many as an outage needs to be declared.
        var unreadable = await sync.SeedAsync(owner, SyncHost.BatchSize, size: 1024);
        var readable = await sync.SeedAsync(owner, SyncHost.BatchSize + 1, size: 1024);
        var logged = host.Log.Events.Count;
        foreach (var (id, _) in unreadable)
            host.LocalProxy.AnswerGets(SyncHost.KeyOf(owner, id), 500, "InternalError");

        var first = await sync.RunAsync(admin);
        var second = await sync.RunAsync(admin); // the store still cannot serve them

        // Before, both runs stopped at batch 0, and every run after them would have too.
        Assert.Equal((null, null), (first.CutShortBecause, second.CutShortBecause));
        Assert.Equal((unreadable.Count + readable.Count, readable.Count, unreadable.Count), (first.FilesTried, first.FilesSynced, first.FilesFailed));
        Assert.Equal((unreadable.Count, 0, unreadable.Count), (second.FilesTried, second.FilesSynced, second.FilesFailed));
        foreach (var (id, _) in unreadable)
        {
            var failures = await sync.EventsAsync<FileSyncFailed>(id);
            Assert.Equal([1, 2], failures.Select(f => f.Attempt));
            Assert.All(failures, f => Assert.StartsWith(nameof(StorageUnavailableException), f.Error, StringComparison.Ordinal));
        }
        foreach (var (id, content) in readable)
            await sync.AssertInCloudAsync(owner, id, content);

        // Once the store serves them again they sync, and nothing is copied twice.
        host.LocalProxy.Up();
        var next = await sync.RunAsync(admin);

        Assert.Null(next.CutShortBecause);
        Assert.Equal((unreadable.Count, unreadable.Count, 0), (next.FilesTried, next.FilesSynced, next.FilesFailed));
        foreach (var (id, content) in unreadable.Concat(readable))
        {
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
            await sync.AssertInCloudAsync(owner, id, content);
        }
        // The operator reads why the runs went on, once a run, and no error of the sync's.
        var lines = host.Log.Events.Skip(logged)
            .Where(e => e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().StartsWith("\"Catalog.Sync", StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain(lines, e => e.Level >= Serilog.Events.LogEventLevel.Error);
        Assert.Equal(2, lines.Count(e => e.RenderMessage().Contains("but both tiers answer", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_the_local_endpoint_down_the_run_still_stops_after_a_few_files()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 3 * SyncHost.BatchSize, size: 1024);
        host.LocalProxy.Down();

        var run = await sync.RunAsync(admin);

        Assert.Equal((SyncHost.BatchSize, 0, SyncHost.BatchSize, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed, run.Batches));
        Assert.StartsWith("The first 3 files of batch 0 to finish failed", run.CutShortBecause, StringComparison.Ordinal);
        var failed = 0;
        foreach (var (id, _) in files)
            failed += (await sync.EventsAsync<FileSyncFailed>(id)).Count;
        Assert.Equal(SyncHost.BatchSize, failed);
    }
}
