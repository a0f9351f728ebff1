using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Audit;

[Collection(CatalogCollection.Name)]
public sealed class FileHistoryTests(CatalogHost host) : IAsyncLifetime
{
    private const string History = """
        query($id: ID!) { fileHistory(id: $id) {
          __typename eventId sequence version fileId ownerId actorId kind at
          ... on FileUploadedEvent { originalName size sha256 }
          ... on FileAccessedEvent { method tier clientIp userAgent }
          ... on FileSyncedToCloudEvent { verifiedSha256 runId }
          ... on FileDeletedEvent { reason }
        } }
        """;
    private const string AsOf = "query($id: ID!, $at: DateTimeOffset!) { fileAsOf(id: $id, at: $at) { id tier accessCount deleted } }";
    private const string AtVersion = "query($id: ID!, $version: Long!) { fileAtVersion(id: $id, version: $version) { id tier accessCount deleted } }";

    private TestUser owner = null!;
    private Guid fileId;

    public async Task InitializeAsync()
    {
        await host.ResetDataAsync();
        owner = await host.GraphQL.SignUpAsync();
        fileId = (await host.GraphQL.UploadAsync(owner.Token, "ledger.csv", "a,b\n1,2\n"u8.ToArray(), "text/csv"))
            .ShouldSucceed().Data.GetProperty("uploadFile").GetProperty("id").GetGuid();
        await host.AccessAsync(fileId, owner.Id);
        await host.SyncAsync(fileId);
        await host.DeleteAsync(fileId, owner.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_history_is_every_event_in_order_with_its_own_fields()
    {
        var events = await HistoryAsync(owner.Token);

        Assert.Equal(["FileUploadedEvent", "FileAccessedEvent", "FileSyncedToCloudEvent", "FileDeletedEvent"],
            events.Select(e => e.GetProperty("__typename").GetString()));
        Assert.Equal([1L, 2L, 3L, 4L], events.Select(e => e.GetProperty("version").GetInt64()));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.GetProperty("sequence").GetInt64() < p.Second.GetProperty("sequence").GetInt64()));
        Assert.Equal("ledger.csv", events[0].GetProperty("originalName").GetString());
        Assert.Equal("203.0.113.9", events[1].GetProperty("clientIp").GetString());
        Assert.Equal(JsonValueKind.Null, events[2].GetProperty("actorId").ValueKind);
        Assert.Equal("tests", events[3].GetProperty("reason").GetString());
        Assert.All(events, e => Assert.Equal(owner.Id, e.GetProperty("ownerId").GetGuid()));
    }

    [Fact]
    public async Task An_auditor_reads_anyones_history_and_a_stranger_reads_none()
    {
        var auditor = await host.GraphQL.SignUpAsync(CatalogHost.AuditorEmail);
        var stranger = await host.GraphQL.SignUpAsync();

        Assert.Equal(4, (await HistoryAsync(auditor.Token)).Count);
        (await host.GraphQL.SendAsync(History, new { id = fileId }, stranger.Token)).ShouldFailWith("NOT_FOUND");
        (await host.GraphQL.SendAsync(History, new { id = Guid.CreateVersion7() }, auditor.Token)).ShouldFailWith("NOT_FOUND");
        (await host.GraphQL.SendAsync(History, new { id = fileId })).ShouldFailWith("UNAUTHENTICATED");
    }

    [Fact]
    public async Task The_file_as_of_each_event_shows_that_events_effect()
    {
        var events = await HistoryAsync(owner.Token);
        var times = events.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();

        var before = await AsOfAsync(times[0].AddTicks(-10));
        Assert.Equal(JsonValueKind.Null, before.ValueKind);

        var expected = new (string Tier, int Accesses, bool Deleted)[] { ("LOCAL", 0, false), ("LOCAL", 1, false), ("LOCAL_AND_CLOUD", 1, false), ("LOCAL_AND_CLOUD", 1, true) };
        for (var i = 0; i < times.Count; i++)
        {
            var atEvent = await AsOfAsync(times[i]);
            var atVersion = (await host.GraphQL.SendAsync(AtVersion, new { id = fileId, version = i + 1 }, owner.Token)).ShouldSucceed().Data.GetProperty("fileAtVersion");
            foreach (var state in new[] { atEvent, atVersion })
            {
                Assert.Equal(expected[i].Tier, state.GetProperty("tier").GetString());
                Assert.Equal(expected[i].Accesses, state.GetProperty("accessCount").GetInt32());
                Assert.Equal(expected[i].Deleted, state.GetProperty("deleted").GetBoolean());
            }
        }

        var after = await AsOfAsync(times[^1].AddHours(1));
        Assert.True(after.GetProperty("deleted").GetBoolean());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-5)]
    public async Task An_instant_given_with_another_offset_is_the_same_instant(int offsetHours)
    {
        var times = (await HistoryAsync(owner.Token)).Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();

        foreach (var at in new[] { times[0].AddTicks(-10), times[1], times[2] })
            Assert.Equal((await AsOfAsync(at)).GetRawText(), (await AsOfAsync(at.ToOffset(TimeSpan.FromHours(offsetHours)))).GetRawText());
    }

    [Fact]
    public async Task Time_travel_into_someone_elses_file_is_null()
    {
        var stranger = await host.GraphQL.SignUpAsync();

        var response = (await host.GraphQL.SendAsync(AsOf, new { id = fileId, at = DateTimeOffset.UtcNow }, stranger.Token)).ShouldSucceed();

        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("fileAsOf").ValueKind);
    }

    [Theory]
    [InlineData("2026-11-30T04:29:50")] // no offset: the server's time zone would decide
    [InlineData("2026-11-30")]
    [InlineData("11/30/2026 04:29:50 +00:00")]
    public async Task A_moment_without_its_offset_or_in_a_cultures_format_is_bad_input(string at)
    {
        (await host.GraphQL.SendAsync(AsOf, new { id = fileId, at }, owner.Token)).ShouldFailWith("BAD_USER_INPUT");
        (await host.GraphQL.SendAsync($$"""query($id: ID!) { fileAsOf(id: $id, at: "{{at}}") { id } }""", new { id = fileId }, owner.Token))
            .ShouldFailWith("BAD_USER_INPUT");
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+14:00", "out of range")] // before year 1 in UTC
    [InlineData("9999-12-31T23:59:59-14:00", "out of range")] // after year 9999 in UTC
    [InlineData("2026-11-30T04:29:50+15:00", "out of range")] // no offset is that far from UTC
    [InlineData("2026-02-30T04:29:50Z", "not a date and time that exists")]
    [InlineData("2026-11-30T24:00:00Z", "not a date and time that exists")]
    public async Task A_moment_in_the_right_form_that_cannot_be_is_bad_input_that_says_why(string at, string why)
    {
        var asVariable = await host.GraphQL.SendAsync(AsOf, new { id = fileId, at }, owner.Token);
        var asLiteral = await host.GraphQL.SendAsync($$"""query($id: ID!) { fileAsOf(id: $id, at: "{{at}}") { id } }""", new { id = fileId }, owner.Token);

        foreach (var response in new[] { asVariable, asLiteral })
        {
            response.ShouldFailWith("BAD_USER_INPUT");
            Assert.Contains(why, response.FirstErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_zero_is_bad_input()
    {
        (await host.GraphQL.SendAsync(AtVersion, new { id = fileId, version = 0 }, owner.Token)).ShouldFailWith("BAD_USER_INPUT");
    }

    [Fact]
    public async Task A_version_past_the_last_event_is_bad_input_that_names_the_last_one()
    {
        var response = await host.GraphQL.SendAsync(AtVersion, new { id = fileId, version = 5 }, owner.Token);

        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("has 4 events", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_of_someone_elses_file_is_null_whatever_the_number()
    {
        var stranger = await host.GraphQL.SignUpAsync();

        foreach (var version in new[] { 1, 5 })
        {
            var response = (await host.GraphQL.SendAsync(AtVersion, new { id = fileId, version }, stranger.Token)).ShouldSucceed();
            Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("fileAtVersion").ValueKind);
        }
    }

    [Fact]
    public async Task A_long_history_is_read_in_pages_and_unpaged_it_is_refused_not_cut()
    {
        var longId = await host.UploadFileAsync(owner, "busy.txt", "busy"u8.ToArray(), "text/plain");
        await using (var session = host.OpenSession())
        {
            var at = DateTimeOffset.UtcNow;
            session.Events.Append(longId, Enumerable.Range(0, FileHistoryLimit).Select(i =>
                (object)new FileAccessed(longId, owner.Id, owner.Id, AccessMethod.Stream, StorageTier.Local, "203.0.113.9", $"reader/{i}", at)).ToArray());
            await session.SaveChangesAsync();
        }
        const string paged = "query($id: ID!, $from: Long, $first: Int) { fileHistory(id: $id, fromVersion: $from, first: $first) { version } }";

        var unpaged = await host.GraphQL.SendAsync(paged, new { id = longId }, owner.Token);
        var first = await host.GraphQL.SendAsync(paged, new { id = longId, first = FileHistoryLimit }, owner.Token);
        var rest = await host.GraphQL.SendAsync(paged, new { id = longId, from = FileHistoryLimit + 1, first = FileHistoryLimit }, owner.Token);
        var past = await host.GraphQL.SendAsync(paged, new { id = longId, from = FileHistoryLimit + 2 }, owner.Token);

        unpaged.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("fromVersion", unpaged.FirstErrorMessage);
        Assert.Equal(Enumerable.Range(1, FileHistoryLimit).Select(v => (long)v), Versions(first));
        Assert.Equal([FileHistoryLimit + 1L], Versions(rest));
        Assert.Empty(Versions(past));
        (await host.GraphQL.SendAsync(paged, new { id = longId, first = FileHistoryLimit + 1 }, owner.Token)).ShouldFailWith("BAD_USER_INPUT");
        (await host.GraphQL.SendAsync(paged, new { id = longId, first = 0 }, owner.Token)).ShouldFailWith("BAD_USER_INPUT");
        (await host.GraphQL.SendAsync(paged, new { id = longId, from = 0 }, owner.Token)).ShouldFailWith("BAD_USER_INPUT");
        var stranger = await host.GraphQL.SignUpAsync();
        (await host.GraphQL.SendAsync(paged, new { id = longId, first = 1 }, stranger.Token)).ShouldFailWith("NOT_FOUND");

        static IEnumerable<long> Versions(GraphQLResponse response) =>
            response.ShouldSucceed().Data.GetProperty("fileHistory").EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).ToList();
    }

    private const int FileHistoryLimit = Catalog.Api.Audit.FileHistory.MaxEvents;

    private async Task<List<JsonElement>> HistoryAsync(string token) =>
        (await host.GraphQL.SendAsync(History, new { id = fileId }, token)).ShouldSucceed()
            .Data.GetProperty("fileHistory").EnumerateArray().ToList();

    private async Task<JsonElement> AsOfAsync(DateTimeOffset at) =>
        (await host.GraphQL.SendAsync(AsOf, new { id = fileId, at }, owner.Token)).ShouldSucceed().Data.GetProperty("fileAsOf");
}
