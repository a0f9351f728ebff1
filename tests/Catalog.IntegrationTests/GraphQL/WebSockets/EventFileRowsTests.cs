using Catalog.Api.Audit;
using Catalog.Api.GraphQL.Audit;
using Catalog.Projections.FileListing;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// A live event's <c>file</c> row is loaded once, however many subscriptions and aliases select it: loaded per
/// selection, one client could multiply every event into thousands of queries. A burst of events has its rows loaded
/// together, one query at a time: loaded each on its own, a sync batch's 100 events took 100 connections at once.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class EventFileRowsTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task One_event_resolved_many_times_at_once_loads_its_row_once()
    {
        var (view, rows, loads) = await EventAndRowsAsync();

        var names = await Task.WhenAll(Enumerable.Range(0, 25).Select(async _ => (await rows.LoadAsync(view, CancellationToken.None))?.Name));
        var another = await rows.LoadAsync(view with { }, CancellationToken.None);

        Assert.All(names, name => Assert.Equal("once.txt", name));
        Assert.Equal("once.txt", another?.Name);
        // One load for the event, one for the other view of it: rows are shared by the event handed out, not by equality.
        Assert.Equal(2, loads());
    }

    [Fact]
    public async Task A_resolver_that_leaves_takes_the_load_from_no_one_else()
    {
        var loading = new TaskCompletionSource();
        var (view, rows, loads) = await EventAndRowsAsync(loading.Task);
        using var leaving = new CancellationTokenSource();

        var first = rows.LoadAsync(view, leaving.Token);
        var second = rows.LoadAsync(view, CancellationToken.None);
        await leaving.CancelAsync();
        loading.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("once.txt", (await second)?.Name);
        Assert.Equal(1, loads());
    }

    private async Task<(FileEventView View, EventFileRows Rows, Func<int> Loads)> EventAndRowsAsync(Task? loadStarts = null)
    {
        var user = await host.GraphQL.SignUpAsync();
        var fileId = await host.UploadFileAsync(user, "once.txt", "once"u8.ToArray(), "text/plain");
        await using var session = host.OpenSession();
        var view = FileEventViews.From((await session.Events.FetchStreamAsync(fileId)).Single())!;
        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        var loads = 0;
        var rows = new EventFileRows(async (ids, ct) =>
        {
            Interlocked.Increment(ref loads);
            await (loadStarts ?? Task.CompletedTask);
            await using var session = store.QuerySession();
            return await session.LoadManyAsync<FileListing>(ct, ids);
        });
        return (view, rows, () => Volatile.Read(ref loads));
    }

    [Fact]
    public async Task A_burst_of_events_has_its_rows_loaded_by_a_few_queries_at_a_time()
    {
        var row = await RowAsync();
        var (inFlight, mostInFlight, queries) = (0, 0, 0);
        var release = new TaskCompletionSource();
        var rows = new EventFileRows(async (ids, _) =>
        {
            InterlockedMax(ref mostInFlight, Interlocked.Increment(ref inFlight));
            Interlocked.Increment(ref queries);
            await release.Task; // the rest of the burst arrives while the first queries run
            Interlocked.Decrement(ref inFlight);
            return [.. ids.Select(id => row with { Id = id, Name = $"{id}.txt" })];
        });
        var burst = Enumerable.Range(0, 100).Select(_ => (FileEventView)new OtherFileEventView(
            Guid.NewGuid(), 1, 1, Guid.NewGuid(), row.OwnerId, null, "FileAccessed", DateTimeOffset.UtcNow, "{}")).ToList();

        var loading = burst.Select(e => rows.LoadAsync(e, CancellationToken.None)).ToList();
        release.SetResult();
        var loaded = await Task.WhenAll(loading);

        Assert.Equal(burst.Select(e => $"{e.FileId}.txt"), loaded.Select(r => r?.Name));
        Assert.InRange(mostInFlight, 1, EventFileRows.MostLoaders);
        Assert.InRange(queries, 1, 2 * EventFileRows.MostLoaders);
    }

    [Fact]
    public async Task A_query_takes_at_most_its_limit_of_rows_and_every_row_is_answered()
    {
        var row = await RowAsync();
        var sizes = new System.Collections.Concurrent.ConcurrentBag<int>();
        var rows = new EventFileRows((ids, _) =>
        {
            sizes.Add(ids.Count);
            return Task.FromResult<IReadOnlyList<FileListing>>([.. ids.Select(id => row with { Id = id })]);
        });
        var burst = Enumerable.Range(0, 1200).Select(_ => Guid.NewGuid()).ToList();

        var loaded = await Task.WhenAll(burst.Select(id => rows.LoadAsync(
            new OtherFileEventView(Guid.NewGuid(), 1, 1, id, row.OwnerId, null, "FileAccessed", DateTimeOffset.UtcNow, "{}"), CancellationToken.None)));

        Assert.Equal(burst, loaded.Select(r => r!.Id));
        Assert.All(sizes, size => Assert.InRange(size, 1, EventFileRows.MostRowsPerQuery));
        Assert.Equal(1200, sizes.Sum());
    }

    [Fact]
    public async Task A_failed_query_fails_its_rows_and_the_next_resolver_loads_again()
    {
        var row = await RowAsync();
        var calls = 0;
        var rows = new EventFileRows((ids, _) => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<IReadOnlyList<FileListing>>(new TimeoutException("the database did not answer"))
            : Task.FromResult<IReadOnlyList<FileListing>>([.. ids.Select(id => row with { Id = id })]));
        var view = new OtherFileEventView(Guid.NewGuid(), 1, 1, row.Id, row.OwnerId, null, "FileAccessed", DateTimeOffset.UtcNow, "{}");

        await Assert.ThrowsAsync<TimeoutException>(() => rows.LoadAsync(view, CancellationToken.None));
        var again = await rows.LoadAsync(view, CancellationToken.None);

        Assert.Equal(row.Id, again?.Id);
        Assert.Equal(2, calls);
    }

    private async Task<FileListing> RowAsync()
    {
        var user = await host.GraphQL.SignUpAsync();
        var fileId = await host.UploadFileAsync(user, "row.txt", "row"u8.ToArray(), "text/plain");
        await using var session = host.OpenSession();
        return (await session.LoadAsync<FileListing>(fileId))!;
    }

    private static void InterlockedMax(ref int most, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref most)) && Interlocked.CompareExchange(ref most, value, seen) != seen)
        {
        }
    }

    [Fact]
    public async Task Every_event_of_one_commit_reaches_a_subscriber_with_its_own_files_row()
    {
        var user = await host.GraphQL.SignUpAsync();
        var files = new Dictionary<string, string>();
        for (var i = 0; i < 6; i++) // the test quota
            files[(await host.UploadFileAsync(user, $"burst-{i}.txt", [(byte)i], "text/plain")).ToString()] = $"burst-{i}.txt";
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(user.Token);
        await socket.SendAsync(new { id = "s", type = "subscribe", payload = new { query = "subscription { fileEvents { kind fileId file { id name } } }" } });
        await socket.SendAsync(new { id = "after", type = "subscribe", payload = new { query = "{ __typename }" } });
        Assert.Equal("next", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("complete", (await socket.ReceiveAsync()).GetProperty("type").GetString());

        await using (var session = host.OpenSession())
        {
            foreach (var fileId in files.Keys.Select(Guid.Parse))
            {
                var stream = await session.Events.FetchForWriting<Catalog.Domain.Files.StoredFile>(fileId);
                for (var read = 0; read < 5; read++)
                    stream.AppendMany(Catalog.Domain.Files.FileDecisions.Access(stream.Aggregate,
                        new Catalog.Domain.Files.AccessFile(fileId, user.Id, Catalog.Domain.Files.AccessMethod.Stream, "203.0.113.9", "tests/1.0"),
                        DateTimeOffset.UtcNow).Events);
            }
            await session.SaveChangesAsync(); // one commit: the events come as one burst
        }

        var received = new Dictionary<string, string>();
        for (var accessed = 0; accessed < files.Count * 5;)
        {
            var fileEvent = (await socket.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("fileEvents");
            Assert.Equal(fileEvent.GetProperty("fileId").GetString(), fileEvent.GetProperty("file").GetProperty("id").GetString());
            if (fileEvent.GetProperty("kind").GetString() != "FileAccessed")
                continue; // an upload's event the live feed delivered after the subscription began
            accessed++;
            received[fileEvent.GetProperty("fileId").GetString()!] = fileEvent.GetProperty("file").GetProperty("name").GetString()!;
        }
        Assert.Equal(files.OrderBy(f => f.Key), received.OrderBy(f => f.Key));
    }

    [Fact]
    public async Task Many_subscriptions_with_many_aliases_of_the_file_all_get_its_row()
    {
        var user = await host.GraphQL.SignUpAsync();
        var aliases = string.Join(' ', Enumerable.Range(0, 5).Select(a => $"f{a}: file {{ name }}"));
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(user.Token);
        // Ten subscriptions that differ by a comment, so none shares another's execution.
        for (var s = 0; s < 10; s++)
            await socket.SendAsync(new { id = $"s{s}", type = "subscribe", payload = new { query = $"subscription {{ fileEvents {{ fileId {aliases} }} }} # {s}" } });
        await socket.SendAsync(new { id = "after", type = "subscribe", payload = new { query = "{ __typename }" } });
        Assert.Equal("next", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("complete", (await socket.ReceiveAsync()).GetProperty("type").GetString());

        var fileId = (await host.GraphQL.UploadAsync(user.Token, "aliased.txt", "aliased"u8.ToArray())).ShouldSucceed()
            .Data.GetProperty("uploadFile").GetProperty("id").GetString();

        var ids = new HashSet<string>();
        for (var s = 0; s < 10; s++)
        {
            var next = await socket.ReceiveAsync();
            ids.Add(next.GetProperty("id").GetString()!);
            var fileEvent = next.GetProperty("payload").GetProperty("data").GetProperty("fileEvents");
            Assert.Equal(fileId, fileEvent.GetProperty("fileId").GetString());
            for (var a = 0; a < 5; a++)
                Assert.Equal("aliased.txt", fileEvent.GetProperty($"f{a}").GetProperty("name").GetString());
        }
        Assert.Equal(10, ids.Count);
    }
}
