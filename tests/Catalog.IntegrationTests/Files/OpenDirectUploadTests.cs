using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.OpenUploads;
using Catalog.Projections.Usage;
using Catalog.Sync.Locking;
using Marten;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// What one owner may stage at once: open direct uploads hold quota and are bounded in number, and each URL takes only
/// the announced length (ADR 0017).
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class OpenDirectUploadTests(CatalogHost host) : IAsyncLifetime
{
    // Uploads:Direct:MaxOpenPerOwner's default.
    private const int MaxOpen = 20;

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Open_uploads_hold_their_announced_bytes_of_the_quota_until_completed()
    {
        var user = await host.GraphQL.SignUpAsync();
        var kept = SampleFiles.RandomBinary(5 * 1024 * 1024);
        var first = await host.BeginUploadAsync(user.Token, "kept.bin", kept);
        await first.PutAsync(kept);
        (await host.CompleteUploadAsync(user.Token, first.UploadId)).CompletedFile();

        // The completed upload counts once, as the file it became: the rest of the quota may be announced.
        var rest = CatalogHost.QuotaBytes - kept.LongLength;
        (await host.BeginUploadAsync(user.Token, "rest.bin", rest, new string('c', 64))).ShouldSucceed();

        var refused = await host.BeginUploadAsync(user.Token, "one-more.bin", 1, new string('d', 64));
        refused.ShouldFailWith("QUOTA_EXCEEDED");
        Assert.Contains("open direct uploads", refused.FirstErrorMessage);
        Assert.Equal(2, await BegunAsync(user));
    }

    [Fact]
    public async Task A_file_uploaded_whole_cannot_take_the_bytes_an_open_upload_holds()
    {
        var user = await host.GraphQL.SignUpAsync();
        var announced = SampleFiles.RandomBinary((int)CatalogHost.MaxUploadBytes);
        var ticket = await host.BeginUploadAsync(user.Token, "held.bin", announced);
        var whole = SampleFiles.RandomBinary((int)(CatalogHost.QuotaBytes - CatalogHost.MaxUploadBytes + 1));

        var refused = await host.GraphQL.UploadAsync(user.Token, "whole.bin", whole);

        refused.ShouldFailWith("QUOTA_EXCEEDED");
        Assert.Contains("open direct uploads", refused.FirstErrorMessage);
        // What the begin promised still holds: the announced file completes.
        await ticket.PutAsync(announced);
        Assert.Equal(announced.LongLength, (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile().GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task A_begin_and_a_whole_upload_racing_for_the_last_room_let_exactly_one_in()
    {
        var user = await host.GraphQL.SignUpAsync();
        (await host.GraphQL.UploadAsync(user.Token, "first.bin", [1])).ShouldSucceed(); // the owner's usage row exists
        var whole = SampleFiles.RandomBinary((int)(CatalogHost.QuotaBytes - CatalogHost.MaxUploadBytes));

        // The whole upload has passed its checks and stored its bytes, and its commit waits to add the file to the usage
        // row, while the begin reads what the owner keeps and holds.
        Task<GraphQLResponse> uploading;
        GraphQLResponse begun;
        await using (var holder = host.OpenSession())
        {
            await holder.BeginTransactionAsync(CancellationToken.None);
            await holder.AdvancedSql.QueryAsync<int>(
                $"select 1 from {OwnerUsageTable.Name.QualifiedName} where owner_id = ? for update", CancellationToken.None, user.Id);
            uploading = host.GraphQL.UploadAsync(user.Token, "whole.bin", whole);
            await LockWaiters.ForRowAsync(holder, 1, "upload");
            begun = await host.BeginUploadAsync(user.Token, "held.bin", CatalogHost.MaxUploadBytes, new string('a', 64));
        }
        var uploaded = await uploading;

        // 1 byte kept, plus the whole file, plus the announced one is one byte over the quota.
        Assert.Single(new[] { begun, uploaded }, r => r.ErrorCodes.Count == 0);
        Assert.All(new[] { begun, uploaded }.Where(r => r.ErrorCodes.Count > 0), r => r.ShouldFailWith("QUOTA_EXCEEDED"));
    }

    [Fact]
    public async Task A_completion_commits_under_the_owner_lock_a_begin_holds_from_its_reads_to_its_commit()
    {
        // A completion moves its bytes from the open uploads to the usage in one commit. A begin reads the two one after
        // the other: were that commit to land between its reads, the begin would count the bytes in neither.
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(64 * 1024);
        var ticket = await host.BeginUploadAsync(user.Token, "held.bin", content);
        await ticket.PutAsync(content);

        Task<GraphQLResponse> completing;
        await using (var begin = host.OpenSession())
        {
            await begin.BeginTransactionAsync(CancellationToken.None);
            await StreamLocks.SerializeAsync(begin, user.Id, CancellationToken.None); // as BeginUpload does before its reads
            completing = host.CompleteUploadAsync(user.Token, ticket.UploadId);

            Assert.True(await Eventually.HoldsAsync(async () =>
            {
                await using var session = host.OpenSession();
                return completing.IsCompleted || await LockWaiters.OnAdvisoryAsync(session, StreamLocks.KeyOf(user.Id)) >= 1;
            }), "the completion neither finished nor waited");
            Assert.False(completing.IsCompleted, "the completion committed while a begin held the owner's lock");
        }

        Assert.Equal(content.LongLength, (await completing).CompletedFile().GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task Begins_racing_for_the_last_room_let_exactly_one_in()
    {
        var user = await host.GraphQL.SignUpAsync();
        var half = CatalogHost.QuotaBytes / 2 + 1;

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            host.BeginUploadAsync(user.Token, $"racer{i}.bin", half, new string((char)('a' + i), 64))));

        Assert.Single(answers, a => a.ErrorCodes.Count == 0);
        Assert.All(answers.Where(a => a.ErrorCodes.Count > 0), a => a.ShouldFailWith("QUOTA_EXCEEDED"));
        Assert.Equal(1, await BegunAsync(user));
    }

    [Fact]
    public async Task An_owner_may_have_only_so_many_uploads_open_and_others_are_not_held_back()
    {
        var user = await host.GraphQL.SignUpAsync();
        for (var i = 0; i < MaxOpen; i++)
            (await host.BeginUploadAsync(user.Token, $"tiny{i}.bin", 1, Sha256Of([(byte)i]))).ShouldSucceed();

        var refused = await host.BeginUploadAsync(user.Token, "one-too-many.bin", 1, new string('e', 64));

        refused.ShouldFailWith("QUOTA_EXCEEDED");
        Assert.Contains($"{MaxOpen} direct uploads are open", refused.FirstErrorMessage);
        Assert.Equal(MaxOpen, await BegunAsync(user));
        var other = await host.GraphQL.SignUpAsync();
        (await host.BeginUploadAsync(other.Token, "mine.bin", 1, new string('f', 64))).ShouldSucceed();
    }

    [Theory]
    [InlineData(100, 5 * 1024 * 1024)] // a small announcement, a big body
    [InlineData(100, 99)]
    public async Task The_store_itself_refuses_a_put_of_another_length_than_announced(int announced, int sent)
    {
        var user = await host.GraphQL.SignUpAsync();
        var ticket = await host.BeginUploadAsync(user.Token, "small.bin", SampleFiles.RandomBinary(announced));

        using var response = await new HttpClient().PutAsync(ticket.Url, new ByteArrayContent(SampleFiles.RandomBinary(sent)));

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await host.LocalBucket.ExistsAsync(DirectUploadCalls.StagingKey(user, ticket.UploadId)));
        Assert.Equal(announced.ToString(), ticket.Headers["Content-Length"]);
    }

    [Fact]
    public async Task Rebuilding_the_open_uploads_from_the_events_gives_the_same_rows()
    {
        var admin = await host.GraphQL.SignUpAsync(CatalogHost.AdminEmail);
        var user = await host.GraphQL.SignUpAsync();
        var done = SampleFiles.RandomBinary(1000);
        var completed = await host.BeginUploadAsync(user.Token, "done.bin", done);
        await completed.PutAsync(done);
        (await host.CompleteUploadAsync(user.Token, completed.UploadId)).CompletedFile();
        (await host.BeginUploadAsync(user.Token, "open-1.bin", 2000, new string('a', 64))).ShouldSucceed();
        (await host.BeginUploadAsync(user.Token, "open-2.bin", 3000, new string('b', 64))).ShouldSucceed();
        var before = await OpenUploadsAsync(user);
        await using (var session = host.OpenSession())
        {
            session.DeleteWhere<OpenUpload>(_ => true);
            await session.SaveChangesAsync();
        }

        var rebuilt = await host.GraphQL.SendAsync("mutation { rebuildProjection(name: \"OpenUpload\") { name } }", token: admin.Token);

        Assert.Equal("OpenUpload", rebuilt.ShouldSucceed().Data.GetProperty("rebuildProjection").GetProperty("name").GetString());
        Assert.Equal([2000L, 3000L], before.Select(u => u.Size));
        Assert.Equal(before, await OpenUploadsAsync(user));
    }

    private async Task<List<OpenUpload>> OpenUploadsAsync(TestUser user)
    {
        await using var session = host.OpenSession();
        return (await session.Query<OpenUpload>().Where(u => u.OwnerId == user.Id).ToListAsync()).OrderBy(u => u.Size).ToList();
    }

    private async Task<int> BegunAsync(TestUser user)
    {
        await using var session = host.OpenSession();
        return await session.Events.QueryRawEventDataOnly<DirectUploadBegun>().CountAsync(e => e.OwnerId == user.Id);
    }
}
