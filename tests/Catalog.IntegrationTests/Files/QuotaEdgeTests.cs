using System.Net;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.Usage;
using Catalog.Projections.FileListing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Files;

/// <summary>The quota at its edge on the paths HostileUploadTests leave out: direct completions, REST bodies, shared content.</summary>
[Collection(CatalogCollection.Name)]
public sealed class QuotaEdgeTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Direct_completions_racing_for_the_last_place_let_exactly_one_in_and_the_other_stays_open()
    {
        var user = await host.GraphQL.SignUpAsync();
        for (var i = 0; i < CatalogHost.QuotaFiles - 1; i++)
            await host.UploadFileAsync(user, $"f{i}.bin", [3, (byte)i]);
        var contents = new[] { "first racer"u8.ToArray(), "second racer"u8.ToArray() };
        var tickets = new List<Ticket>();
        foreach (var content in contents)
        {
            var ticket = await host.BeginUploadAsync(user.Token, "racer.txt", content, "text/plain");
            await ticket.PutAsync(content);
            tickets.Add(ticket);
        }

        Task<GraphQLResponse[]> racing;
        await using (var holder = host.OpenSession())
        {
            await holder.BeginTransactionAsync(CancellationToken.None);
            await holder.AdvancedSql.QueryAsync<int>(
                $"select 1 from {OwnerUsageTable.Name.QualifiedName} where owner_id = ? for update", CancellationToken.None, user.Id);
            racing = Task.WhenAll(tickets.Select(t => host.CompleteUploadAsync(user.Token, t.UploadId)));
            await LockWaiters.ForRowAsync(holder, tickets.Count, "completions");
        }
        var answers = await racing;

        Assert.Single(answers, a => a.ErrorCodes.Count == 0);
        var refused = Assert.Single(answers, a => a.ErrorCodes.Count > 0);
        refused.ShouldFailWith("QUOTA_EXCEEDED");
        var refusedTicket = tickets[Array.IndexOf(answers, refused)];
        Assert.Equal(CatalogHost.QuotaFiles, (await UsageOfAsync(user.Id)).Files);
        // The refused upload stays open, its bytes where the client put them; no file key of its own is left.
        Assert.True(await host.LocalBucket.ExistsAsync(DirectUploadCalls.StagingKey(user, refusedTicket.UploadId)));
        var keys = await host.LocalBucket.KeysUnderAsync($"{user.Id}/");
        Assert.Equal((int)CatalogHost.QuotaFiles + 1, keys.Count);
        await using var session = host.OpenSession();
        Assert.Equal((int)CatalogHost.QuotaFiles, await session.Events.QueryRawEventDataOnly<FileUploaded>().CountAsync(e => e.OwnerId == user.Id));
    }

    [Fact]
    public async Task A_raw_body_over_the_byte_quota_is_a_403_problem_and_stores_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();
        var sevenMiB = new byte[7 * 1024 * 1024];
        await host.UploadFileAsync(user, "first.bin", sevenMiB);
        var usage = await UsageOfAsync(user.Id);

        var other = new byte[7 * 1024 * 1024];
        other[0] = 1;
        using var request = GraphQLClient.RestUpload(user.Token, new ByteArrayContent(other), "second.bin");
        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("QUOTA_EXCEEDED", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Single(await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
        Assert.Equal(usage, await UsageOfAsync(user.Id));
    }

    [Fact]
    public async Task Identical_content_counts_against_the_quota_once_per_file_though_it_is_stored_once()
    {
        var user = await host.GraphQL.SignUpAsync();
        var fiveMiB = Enumerable.Repeat((byte)7, 5 * 1024 * 1024).ToArray();
        await host.UploadFileAsync(user, "a.bin", fiveMiB);
        await host.UploadFileAsync(user, "b.bin", fiveMiB);

        (await host.GraphQL.UploadAsync(user.Token, "c.bin", fiveMiB)).ShouldFailWith("QUOTA_EXCEEDED");

        Assert.Equal(new OwnerUsage { Id = user.Id, Bytes = 2L * fiveMiB.Length, Files = 2 }, await UsageOfAsync(user.Id));
        Assert.Single(await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
    }

    [Fact]
    public async Task Usage_rebuilt_again_and_again_while_owners_upload_ends_as_the_sums_of_their_files()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.GraphQL.SignUpAsync()));
        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        using var stop = new CancellationTokenSource();
        var rebuilds = 0;
        var rebuilding = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await OwnerUsageRebuild.RunAsync(store, CancellationToken.None);
                rebuilds++;
            }
        });

        // Some content repeats within an owner: identical bytes stored once, counted per file.
        await Task.WhenAll(users.SelectMany(user => Enumerable.Range(0, (int)CatalogHost.QuotaFiles).Select(async i =>
        {
            var file = await host.UploadFileAsync(user, $"f{i}.bin", Enumerable.Repeat((byte)(i % 3), 1000 + i % 3).ToArray());
            if (i == 0)
                await host.DeleteFileAsync(user.Token, file);
        })));
        await stop.CancelAsync();
        await rebuilding;

        Assert.True(rebuilds > 1, $"only {rebuilds} rebuilds ran");
        await using var session = host.OpenSession();
        var listed = (await session.Query<FileListing>().Where(f => !f.Purged).ToListAsync())
            .GroupBy(f => f.OwnerId).Select(g => new OwnerUsage { Id = g.Key, Bytes = g.Sum(f => f.Size), Files = g.Count() })
            .OrderBy(u => u.Id).ToList();
        Assert.Equal(users.Length, listed.Count);
        Assert.All(listed, u => Assert.Equal(CatalogHost.QuotaFiles, u.Files));
        Assert.Equal(listed, await session.AllOwnerUsageAsync());
    }

    private async Task<OwnerUsage> UsageOfAsync(Guid ownerId)
    {
        await using var session = host.OpenSession();
        return await OwnerUsageTable.OfAsync(session, ownerId, CancellationToken.None);
    }
}
