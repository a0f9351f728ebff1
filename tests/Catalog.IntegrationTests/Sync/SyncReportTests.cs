using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Marten;

namespace Catalog.IntegrationTests.Sync;

/// <summary>What admins can read about runs and failing files, and what everybody else cannot.</summary>
[Collection(SyncCollection.Name)]
public sealed class SyncReportTests(SyncHost host) : IAsyncLifetime
{
    private const string Failures = "{ syncFailures { fileId ownerId name failedSyncRuns lastError lastFailedAt } }";

    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rebuilding_the_run_summaries_gives_the_same_rows_however_many_rebuilds_run_at_once()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        await sync.SeedAsync(owner, SyncHost.BatchSize + 1);
        host.CloudProxy.Down();
        await sync.RunAsync(admin); // cut short after its first batch
        host.CloudProxy.Up();
        await sync.RunAsync(admin);
        var before = await SummariesAsync();
        await using (var session = host.OpenSession())
        {
            session.DeleteWhere<Catalog.Projections.SyncRuns.SyncRunSummary>(_ => true);
            await session.SaveChangesAsync();
        }
        Assert.Empty(await SummariesAsync());

        var rebuilds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.GraphQL.SendAsync(
            "mutation { rebuildProjection(name: \"SyncRunSummary\") { name } }", token: admin.Token)));

        Assert.All(rebuilds, r => r.ShouldSucceed());
        Assert.Equal(2, before.Count);
        Assert.Contains(before, run => run.Contains("files of batch 0", StringComparison.Ordinal));
        Assert.Equal(before, await SummariesAsync());
    }

    private async Task<List<string>> SummariesAsync()
    {
        await using var session = host.OpenSession();
        return (await session.Query<Catalog.Projections.SyncRuns.SyncRunSummary>().OrderBy(r => r.StartedAt).ToListAsync())
            .Select(r => JsonSerializer.Serialize(r))
            .ToList();
    }

    [Fact]
    public async Task A_file_that_fails_in_enough_runs_is_reported_until_it_syncs()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, _) = (await sync.SeedAsync(owner, 1))[0];
        host.CloudProxy.Down();

        await sync.RunAsync(admin);
        Assert.Empty(await FailuresAsync(admin)); // one failed run is below Sync:MaxFailedRunsBeforeReport (2)
        await sync.RunAsync(admin);
        var reported = Assert.Single(await FailuresAsync(admin));

        Assert.Equal(id, reported.GetProperty("fileId").GetGuid());
        Assert.Equal(owner.Id, reported.GetProperty("ownerId").GetGuid());
        Assert.Equal(SyncHost.MaxFailedRunsBeforeReport, reported.GetProperty("failedSyncRuns").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(reported.GetProperty("lastError").GetString()));

        host.CloudProxy.Up();
        await sync.RunAsync(admin);
        Assert.Empty(await FailuresAsync(admin));
    }

    [Fact]
    public async Task Admins_page_through_runs_newest_first_and_read_one()
    {
        var admin = await sync.AdminAsync();
        var runs = new List<Guid>();
        for (var i = 0; i < 3; i++)
            runs.Add((await sync.RunAsync(admin)).Id);

        var page = (await host.GraphQL.SendAsync(
                "{ syncRuns(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }", token: admin.Token))
            .ShouldSucceed().Data.GetProperty("syncRuns");
        var next = (await host.GraphQL.SendAsync("query($after: String) { syncRuns(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }",
                new { after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString() }, admin.Token))
            .ShouldSucceed().Data.GetProperty("syncRuns");
        var one = (await host.GraphQL.SendAsync(
                "query($id: ID!) { syncRun(id: $id) { id status trigger requestedBy filesTried filesSynced filesFailed bytes batches startedAt finishedAt durationSeconds } }",
                new { id = runs[0] }, admin.Token))
            .ShouldSucceed().Data.GetProperty("syncRun");

        Assert.Equal(3, page.GetProperty("totalCount").GetInt32());
        Assert.Equal([runs[2], runs[1]], Ids(page));
        Assert.True(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal([runs[0]], Ids(next));
        Assert.False(next.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(("FINISHED", "ADMIN", admin.Id), (one.GetProperty("status").GetString(), one.GetProperty("trigger").GetString(), one.GetProperty("requestedBy").GetGuid()));
        Assert.Equal(0, one.GetProperty("filesTried").GetInt32());
        Assert.Equal(JsonValueKind.Number, one.GetProperty("durationSeconds").ValueKind);
    }

    [Fact]
    public async Task An_unknown_run_is_null_and_a_page_too_large_is_bad_input()
    {
        var admin = await sync.AdminAsync();

        var unknown = (await host.GraphQL.SendAsync("query($id: ID!) { syncRun(id: $id) { id } }", new { id = Guid.NewGuid() }, admin.Token))
            .ShouldSucceed().Data.GetProperty("syncRun");
        var tooLarge = await host.GraphQL.SendAsync("{ syncRuns(first: 101) { totalCount } }", token: admin.Token);
        var badCursor = await host.GraphQL.SendAsync("{ syncRuns(after: \"nope\") { totalCount } }", token: admin.Token);

        Assert.Equal(JsonValueKind.Null, unknown.ValueKind);
        tooLarge.ShouldFailWith("BAD_USER_INPUT");
        badCursor.ShouldFailWith("BAD_USER_INPUT");
    }

    [Theory]
    [InlineData("mutation { startSync { id } }")]
    [InlineData("{ syncRuns { totalCount } }")]
    [InlineData("{ syncRun(id: \"5a9c0000-0000-0000-0000-000000000004\") { id } }")]
    [InlineData(Failures)]
    public async Task Only_admins_may_start_runs_and_read_about_them(string operation)
    {
        var user = await host.GraphQL.SignUpAsync();

        (await host.GraphQL.SendAsync(operation, token: user.Token)).ShouldFailWith("FORBIDDEN");
        (await host.GraphQL.SendAsync(operation)).ShouldFailWith("UNAUTHENTICATED");
        Assert.Empty(await sync.RunsAsync());
    }

    private async Task<IReadOnlyList<JsonElement>> FailuresAsync(TestUser admin) =>
        (await host.GraphQL.SendAsync(Failures, token: admin.Token)).ShouldSucceed()
        .Data.GetProperty("syncFailures").EnumerateArray().ToList();

    private static Guid[] Ids(JsonElement connection) =>
        connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetGuid()).ToArray();
}
