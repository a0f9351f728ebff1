using System.Text.Json;
using Catalog.Domain.Sync;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.SyncRuns;

namespace Catalog.IntegrationTests.Sync;

/// <summary><c>syncRuns</c> pages by keyset (ADR 0014): runs that start while an admin pages do not move later pages.</summary>
[Collection(SyncCollection.Name)]
public sealed class SyncRunPagingTests(SyncHost host) : IAsyncLifetime
{
    private const string Page =
        "query($first: Int, $after: String) { syncRuns(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }";

    // Sub-microsecond, so a cursor must carry the column's microseconds to find its own row again.
    private static readonly DateTimeOffset Night = new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_run_started_between_two_pages_neither_repeats_nor_skips_a_run()
    {
        var admin = await sync.AdminAsync();
        var runs = new List<Guid>();
        for (var i = 0; i < 3; i++)
            runs.Add((await sync.RunAsync(admin)).Id);
        var firstPage = await PageAsync(admin, 2, null);
        Assert.Equal([runs[2], runs[1]], Ids(firstPage));

        // With offsets, the next page started at the third row of the list as it is now: runs[1], again.
        await sync.RunAsync(admin);
        var secondPage = await PageAsync(admin, 2, EndCursor(firstPage));

        Assert.Equal([runs[0]], Ids(secondPage));
        Assert.False(secondPage.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task Paging_one_run_at_a_time_reads_each_run_once_newest_first_ties_by_id()
    {
        var admin = await sync.AdminAsync();
        var tied = new[] { Id(1), Id(2), Id(3) };
        var (newer, older) = (Id(4), Id(5));
        await StoreRunsAsync((newer, Night.AddDays(1)), (tied[0], Night), (tied[1], Night), (tied[2], Night), (older, Night.AddDays(-1)));

        var read = new List<Guid>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            if (page == 2)
                await StoreRunsAsync((Id(6), Night.AddDays(2))); // the nightly run starts while the admin reads
            var connection = await PageAsync(admin, 1, after);
            read.AddRange(Ids(connection));
            if (!connection.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
                break;
            after = EndCursor(connection);
        }

        Assert.Equal([newer, tied[2], tied[1], tied[0], older], read);
    }

    [Fact]
    public async Task The_total_of_runs_is_counted_on_an_empty_page_too()
    {
        var admin = await sync.AdminAsync();
        await StoreRunsAsync((Id(1), Night), (Id(2), Night.AddDays(1)));

        var none = (await host.GraphQL.SendAsync("{ syncRuns(first: 0) { totalCount edges { node { id } } pageInfo { hasNextPage } } }",
            token: admin.Token)).ShouldSucceed().Data.GetProperty("syncRuns");

        Assert.Equal(2, none.GetProperty("totalCount").GetInt32());
        Assert.Empty(Ids(none));
        Assert.True(none.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Theory]
    [InlineData("b2Zmc2V0OjE")] // offset:1, as issued before keyset cursors
    [InlineData("ZmlsZXM6VXBsb2FkZWRBdC1EZXNjOjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwOjE")] // a files cursor
    [InlineData("ZGVsZXRlZDpEZWxldGVkQXQtRGVzYzowMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDox")] // a deletedFiles cursor
    [InlineData("cnVuczpTdGFydGVkQXQtQXNjOjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwOjE")] // runs:StartedAt-Asc:...:1
    [InlineData("cnVuczpTdGFydGVkQXQtRGVzYzp4eXo6MQ")] // runs:StartedAt-Desc:xyz:1
    [InlineData("cnVuczpTdGFydGVkQXQtRGVzYzowMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDoxAA")] // runs:...:1\0
    [InlineData("cnVuczpTdGFydGVkQXQtRGVzYzowMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDotMQ")] // runs:...:-1
    [InlineData("cnVuczpTdGFydGVkQXQtRGVzYzowMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDozMTU1Mzc4OTc2MDAwMDAwMDAw")] // ticks past DateTimeOffset.MaxValue
    [InlineData("!!not base64")]
    [InlineData("cnVucw\0")]
    public async Task A_cursor_syncRuns_did_not_issue_is_bad_input(string after)
    {
        var admin = await sync.AdminAsync();

        (await host.GraphQL.SendAsync(Page, new { first = 2, after }, admin.Token)).ShouldFailWith("BAD_USER_INPUT");
    }

    private static Guid Id(int n) => Guid.Parse($"5a9c0000-0000-0000-0000-{n:D12}");

    private async Task StoreRunsAsync(params (Guid Id, DateTimeOffset StartedAt)[] runs)
    {
        await using var session = host.OpenSession();
        foreach (var (id, startedAt) in runs)
        {
            session.Store(new SyncRunSummary
            {
                Id = id, Trigger = SyncTrigger.Schedule, Status = SyncRunStatus.Finished, StartedAt = startedAt, FinishedAt = startedAt.AddMinutes(5),
            });
        }
        await session.SaveChangesAsync();
    }

    private async Task<JsonElement> PageAsync(TestUser admin, int first, string? after) =>
        (await host.GraphQL.SendAsync(Page, new { first, after }, admin.Token)).ShouldSucceed().Data.GetProperty("syncRuns");

    private static string? EndCursor(JsonElement connection) =>
        connection.GetProperty("pageInfo").GetProperty("endCursor").GetString();

    private static Guid[] Ids(JsonElement connection) =>
        connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetGuid()).ToArray();
}
