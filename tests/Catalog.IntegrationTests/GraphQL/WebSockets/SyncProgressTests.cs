using Catalog.Api.Files.Events;
using Catalog.Domain.Sync;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

[Collection(CatalogCollection.Name)]
public sealed class SyncProgressTests(CatalogHost host) : IAsyncLifetime
{
    private const string Progress =
        "subscription { syncProgress { kind runId batch tried synced failed deletedMeanwhile bytes finished cutShortBecause " +
        "run { id status batches filesTried filesSynced bytes } again: run { id } } }";

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_admin_follows_a_run_batch_by_batch_until_it_finishes()
    {
        var admin = await host.GraphQL.SignUpAsync(CatalogHost.AdminEmail);
        var owner = await host.GraphQL.SignUpAsync();
        (await host.GraphQL.UploadAsync(owner.Token, "a.bin", SampleFiles.RandomBinary(1000))).ShouldSucceed();
        (await host.GraphQL.UploadAsync(owner.Token, "b.bin", SampleFiles.RandomBinary(2000))).ShouldSucceed();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(admin.Token);
        await socket.SendAsync(new { id = "progress", type = "subscribe", payload = new { query = Progress } });
        await socket.SendAsync(new { id = "after", type = "subscribe", payload = new { query = "{ __typename }" } });
        Assert.Equal("next", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("complete", (await socket.ReceiveAsync()).GetProperty("type").GetString());

        var runId = (await host.GraphQL.SendAsync("mutation { startSync { id } }", token: admin.Token)).ShouldSucceed()
            .Data.GetProperty("startSync").GetProperty("id").GetString();

        var steps = new List<System.Text.Json.JsonElement>();
        do
        {
            steps.Add((await socket.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("syncProgress"));
        }
        while (!steps[^1].GetProperty("finished").GetBoolean());

        Assert.All(steps, s => Assert.Equal(runId, s.GetProperty("runId").GetString()));
        Assert.All(steps, s => Assert.Equal(runId, s.GetProperty("run").GetProperty("id").GetString()));
        Assert.All(steps, s => Assert.Equal(runId, s.GetProperty("again").GetProperty("id").GetString()));
        Assert.Equal("STARTED", steps[0].GetProperty("kind").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, steps[0].GetProperty("batch").ValueKind);
        Assert.Equal("FINISHED", steps[^1].GetProperty("kind").GetString());
        // The run as it is now: the last message's row has every batch, as a table of runs would show it.
        var finishedRun = steps[^1].GetProperty("run");
        Assert.Equal(("FINISHED", 2, 2, 3000L), (finishedRun.GetProperty("status").GetString(), finishedRun.GetProperty("filesTried").GetInt32(),
            finishedRun.GetProperty("filesSynced").GetInt32(), finishedRun.GetProperty("bytes").GetInt64()));
        var batches = steps.Where(s => s.GetProperty("kind").GetString() == "BATCH").ToList();
        Assert.Equal(steps.Count - 2, batches.Count);
        Assert.Equal(batches.Count, finishedRun.GetProperty("batches").GetInt32());
        Assert.Equal((2, 2, 0, 0), (batches.Sum(b => b.GetProperty("tried").GetInt32()), batches.Sum(b => b.GetProperty("synced").GetInt32()),
            batches.Sum(b => b.GetProperty("failed").GetInt32()), batches.Sum(b => b.GetProperty("deletedMeanwhile").GetInt32())));
        Assert.Equal(3000, batches.Sum(b => b.GetProperty("bytes").GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, steps[^1].GetProperty("batch").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, steps[^1].GetProperty("cutShortBecause").ValueKind);
    }

    [Fact]
    public void A_batch_tells_its_files_deleted_meanwhile()
    {
        var at = DateTimeOffset.Parse("2026-11-30T00:00:05+00:00");
        var runId = Guid.NewGuid();

        var progress = SyncProgressEvents.From(new SyncBatchCompleted(runId, 3, 5, 2, 1, 4096, null, at, DeletedMeanwhile: 2));

        Assert.Equal(new SyncProgress(runId, 3, 5, 2, 1, 4096, false, at, null, DeletedMeanwhile: 2), progress);
        Assert.Equal(SyncProgressKind.Batch, progress!.Kind);
    }

    [Fact]
    public void A_run_start_and_its_end_are_messages_of_their_own()
    {
        var at = DateTimeOffset.Parse("2026-11-30T00:00:00+00:00");
        var runId = Guid.NewGuid();

        var started = SyncProgressEvents.From(new SyncRunStarted(runId, SyncTrigger.Schedule, null, at, at));
        var finished = SyncProgressEvents.From(new SyncRunFinished(runId, at.AddMinutes(3), "cloud tier down"));

        Assert.Equal((SyncProgressKind.Started, null, 0, at), (started!.Kind, started.Batch, started.Tried, started.At));
        Assert.Equal((SyncProgressKind.Finished, null, "cloud tier down"), (finished!.Kind, finished.Batch, finished.CutShortBecause));
    }

    [Fact]
    public async Task A_plain_user_is_forbidden()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(user.Token);

        await socket.SendAsync(new { id = "progress", type = "subscribe", payload = new { query = Progress } });

        var error = await socket.ReceiveAsync();
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("FORBIDDEN", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
