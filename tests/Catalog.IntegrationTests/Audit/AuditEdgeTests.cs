using System.Net;
using System.Text.Json;
using Catalog.Api.GraphQL.Audit;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine.Tracking;
using SessionOptions = Marten.Services.SessionOptions;

namespace Catalog.IntegrationTests.Audit;

/// <summary>The trail and the file as it was, where commits, clocks and bounds do not line up.</summary>
[Collection(CatalogCollection.Name)]
public sealed class AuditEdgeTests(CatalogHost host) : IAsyncLifetime
{
    private const string Trail = """
        query($where: AuditFilter, $first: Int, $after: String) {
          auditTrail(where: $where, first: $first, after: $after) {
            totalCount
            edges { node { sequence fileId kind } }
            pageInfo { endCursor }
          }
        }
        """;

    private TestUser alice = null!;

    public async Task InitializeAsync()
    {
        await host.ResetDataAsync();
        alice = await host.GraphQL.SignUpAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_page_stops_before_an_entry_still_being_committed_and_the_next_page_has_it()
    {
        var auditor = await host.GraphQL.SignUpAsync(CatalogHost.AuditorEmail);
        var slowFile = await host.UploadFileAsync(alice, "slow.txt", "slow"u8.ToArray());
        var fastFile = await host.UploadFileAsync(alice, "fast.txt", "fast"u8.ToArray());
        var store = host.Host.Services.GetRequiredService<IDocumentStore>();

        // One writer has its sequence number and its rows written, not committed (a sync batch waiting on a lock)...
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var slow = await connection.BeginTransactionAsync();
        await using (var session = store.LightweightSession(SessionOptions.ForTransaction(slow)))
        {
            var stream = await session.Events.FetchForWriting<StoredFile>(slowFile);
            stream.AppendMany(FileDecisions.Access(stream.Aggregate, new AccessFile(slowFile, alice.Id, AccessMethod.Stream, "198.51.100.1", "a"),
                DateTimeOffset.UtcNow).Events);
            await session.SaveChangesAsync();
        }
        // ...while another commits after it.
        await host.AccessAsync(fastFile, alice.Id);

        var first = await PageAsync(auditor, after: null);
        await slow.CommitAsync();
        var second = await PageAsync(auditor, after: first.EndCursor);

        Assert.Equal(["FileUploaded", "FileUploaded"], first.Entries.Select(e => e.Kind));
        Assert.Equal([slowFile, fastFile], second.Entries.Select(e => e.FileId));
        Assert.Equal(4, second.Total);
        var sequences = first.Entries.Concat(second.Entries).Select(e => e.Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences);
    }

    [Fact]
    public async Task A_bound_finer_than_a_microsecond_keeps_the_range_half_open()
    {
        var file = await host.UploadFileAsync(alice, "w.txt", "w"u8.ToArray());
        var at = (await host.GraphQL.SendAsync("query($id: ID!) { fileHistory(id: $id) { at } }", new { id = file }, alice.Token))
            .ShouldSucceed().Data.GetProperty("fileHistory")[0].GetProperty("at").GetDateTimeOffset();
        string Ticks(long ticks) => at.AddTicks(ticks).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");

        Assert.Equal(1, await CountAsync(new { fileId = file, to = Ticks(5) })); // recorded before 'to'
        Assert.Equal(0, await CountAsync(new { fileId = file, from = Ticks(5) })); // recorded before 'from'
        Assert.Equal(1, await CountAsync(new { fileId = file, from = Ticks(0), to = Ticks(1) }));
        Assert.Equal(0, await CountAsync(new { fileId = file, from = Ticks(-1), to = Ticks(0) }));
        Assert.Equal(1, await CountAsync(new { fileId = file, to = "9999-12-31T23:59:59.9999999Z" }));
    }

    [Fact]
    public async Task The_file_as_of_an_instant_is_its_history_up_to_the_first_event_stamped_later()
    {
        var file = await host.UploadFileAsync(alice, "c.txt", "c"u8.ToArray());
        host.Clock.Advance(TimeSpan.FromMinutes(10)); // a clock ahead...
        using (var read = await host.GetContentAsync(alice.Token, file))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        host.Clock.Reset(); // ...set back before the next write
        (await host.DeleteFileAsync(alice.Token, file)).ShouldSucceed();
        var history = (await host.GraphQL.SendAsync("query($id: ID!) { fileHistory(id: $id) { kind at } }", new { id = file }, alice.Token))
            .ShouldSucceed().Data.GetProperty("fileHistory");
        Assert.Equal(["FileUploaded", "FileAccessed", "FileDeleted"], history.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var deletedAt = history[2].GetProperty("at").GetDateTimeOffset();
        Assert.True(deletedAt < history[1].GetProperty("at").GetDateTimeOffset());

        var asOf = (await host.GraphQL.SendAsync("query($id: ID!, $at: DateTimeOffset!) { fileAsOf(id: $id, at: $at) { version accessCount deleted } }",
            new { id = file, at = deletedAt.AddSeconds(1) }, alice.Token)).ShouldSucceed().Data.GetProperty("fileAsOf");

        // Before the read was stamped, only the upload had happened: not the delete that came after the read.
        Assert.Equal(1, asOf.GetProperty("version").GetInt64());
        Assert.Equal(0, asOf.GetProperty("accessCount").GetInt32());
        Assert.False(asOf.GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task A_purged_file_read_in_history_says_when_its_bytes_went()
    {
        var file = await host.UploadFileAsync(alice, "gone.txt", "gone"u8.ToArray());
        (await host.DeleteFileAsync(alice.Token, file)).ShouldSucceed();
        var deletedAt = host.Clock.GetUtcNow();
        var (purge, dueAt) = Assert.Single(await host.ScheduledPurgesAsync(file));
        host.Clock.Advance(dueAt - host.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await host.Host.InvokeMessageAndWaitAsync(purge);

        const string Read = """
            query($id: ID!, $before: DateTimeOffset!, $after: DateTimeOffset!) {
              before: fileAsOf(id: $id, at: $before) { deleted purgedAt }
              after: fileAsOf(id: $id, at: $after) { deleted purgedAt }
              fileHistory(id: $id) { kind file { purgedAt } }
            }
            """;
        var read = (await host.GraphQL.SendAsync(Read, new { id = file, before = deletedAt.AddSeconds(1), after = host.Clock.GetUtcNow().AddSeconds(1) },
            alice.Token)).ShouldSucceed().Data;

        Assert.True(read.GetProperty("before").GetProperty("deleted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("before").GetProperty("purgedAt").ValueKind);
        var purgedAt = read.GetProperty("after").GetProperty("purgedAt").GetDateTimeOffset();
        Assert.InRange(purgedAt, dueAt, host.Clock.GetUtcNow());
        Assert.Equal("FilePurged", read.GetProperty("fileHistory").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.All(read.GetProperty("fileHistory").EnumerateArray(), e => Assert.Equal(purgedAt, e.GetProperty("file").GetProperty("purgedAt").GetDateTimeOffset()));
    }

    [Fact]
    public async Task A_querys_events_load_their_files_row_once()
    {
        var file = await host.UploadFileAsync(alice, "hot.txt", "hot"u8.ToArray());
        var sql = new SqlRecorder();
        await using var session = host.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        session.Logger = sql;
        var rows = new QueriedFileRows(session);

        var loaded = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => rows.LoadAsync(file, CancellationToken.None)));

        Assert.All(loaded, row => Assert.Equal(file, row!.Id));
        Assert.Single(sql.Commands);
    }

    [Fact]
    public async Task Every_event_of_a_long_history_names_its_file()
    {
        var file = await host.UploadFileAsync(alice, "hot.txt", "hot"u8.ToArray());
        for (var i = 0; i < 20; i++)
            await host.AccessAsync(file, alice.Id);

        var history = (await host.GraphQL.SendAsync("query($id: ID!) { fileHistory(id: $id) { version file { id accessCount } } }",
            new { id = file }, alice.Token)).ShouldSucceed().Data.GetProperty("fileHistory");

        Assert.Equal(21, history.GetArrayLength());
        Assert.All(history.EnumerateArray(), e =>
        {
            Assert.Equal(file, e.GetProperty("file").GetProperty("id").GetGuid());
            Assert.Equal(20, e.GetProperty("file").GetProperty("accessCount").GetInt32());
        });
    }

    private async Task<int> CountAsync(object where) =>
        (await host.GraphQL.SendAsync(Trail, new { where }, alice.Token)).ShouldSucceed()
            .Data.GetProperty("auditTrail").GetProperty("totalCount").GetInt32();

    private async Task<(List<(long Sequence, Guid FileId, string Kind)> Entries, string? EndCursor, int Total)> PageAsync(TestUser user, string? after)
    {
        var page = (await host.GraphQL.SendAsync(Trail, new { first = 50, after }, user.Token)).ShouldSucceed().Data.GetProperty("auditTrail");
        var entries = page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node"))
            .Select(n => (n.GetProperty("sequence").GetInt64(), n.GetProperty("fileId").GetGuid(), n.GetProperty("kind").GetString()!)).ToList();
        return (entries, page.GetProperty("pageInfo").GetProperty("endCursor").GetString(), page.GetProperty("totalCount").GetInt32());
    }
}
