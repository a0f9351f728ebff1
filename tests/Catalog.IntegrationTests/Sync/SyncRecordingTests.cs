using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Sync;

/// <summary>A batch's verified copies are recorded in one commit; a file that changed meanwhile is decided on its own (ADR 0071).</summary>
[Collection(SyncCollection.Name)]
public sealed class SyncRecordingTests(SyncHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_batchs_copies_are_recorded_in_one_transaction_per_batch()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 7, size: 1000);

        var run = await sync.RunAsync(admin);

        Assert.Equal((7, 7, 3), (run.FilesTried, run.FilesSynced, run.Batches));
        var transactions = await SyncedInTransactionsAsync(files.Select(f => f.Id));
        // Sync:BatchSize is 3 here: 3 + 3 + 1 files, one commit each.
        Assert.Equal([1, 3, 3], transactions.Values.Order());
    }

    [Fact]
    public async Task A_file_deleted_during_its_batchs_transfer_loses_its_copy_and_the_others_are_still_recorded()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 3, size: 1000);
        var deleted = files[1].Id;

        var held = host.CloudProxy.HoldTraffic();
        var running = sync.RunAsync(admin);
        await held.WaitAsync(TimeSpan.FromSeconds(30)); // the states are read, the first upload is on the wire
        await sync.DeleteAsync(deleted, owner.Id);
        host.CloudProxy.Release();
        var run = await running;

        Assert.Equal((3, 2, 0), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Empty(await sync.EventsAsync<FileSyncedToCloud>(deleted));
        Assert.False(await host.CloudBucket.ExistsAsync(SyncHost.KeyOf(owner, deleted)));
        Assert.True((await sync.ListingAsync(deleted)).Deleted);
        foreach (var (id, content) in files.Where(f => f.Id != deleted))
        {
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
            await sync.AssertInCloudAsync(owner, id, content);
            Assert.Equal(StorageTier.LocalAndCloud, (await sync.ListingAsync(id)).Tier);
        }
    }

    [Fact]
    public async Task A_delete_that_lands_after_the_batchs_version_check_fails_its_commit_and_the_file_loses_its_copy()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 3, size: 1000);
        var deleted = files[1].Id;
        // Between the read of the batch's stream versions and its commit: only the commit's own version check sees it.
        host.Races.BeforeTheNext<FileSyncedToCloud>(deleted, () => sync.DeleteAsync(deleted, owner.Id));

        var run = await sync.RunAsync(admin);

        Assert.False(host.Races.IsArmed);
        Assert.Equal((3, 2, 0, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed, run.FilesDeletedMeanwhile));
        Assert.IsType<FileDeleted>((await sync.EventsAsync<IFileEvent>(deleted))[^1]);
        Assert.Empty(await sync.EventsAsync<FileSyncedToCloud>(deleted));
        Assert.False(await host.CloudBucket.ExistsAsync(SyncHost.KeyOf(owner, deleted)));
        foreach (var (id, content) in files.Where(f => f.Id != deleted))
        {
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
            await sync.AssertInCloudAsync(owner, id, content);
        }
    }

    [Fact]
    public async Task A_file_read_during_its_batchs_transfer_is_recorded_on_its_own_and_the_others_together_without_a_failed_commit()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 3, size: 1000);
        var read = files[1].Id;
        var tombstones = await TombstonesAsync();

        var held = host.CloudProxy.HoldTraffic();
        var running = sync.RunAsync(admin);
        // Two transfers run at once, each reading its file's state (a query) before copying it: when a first upload is on
        // the wire, files 0 and 1 have been read, file 2 not yet.
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        using (var download = await host.GraphQL.Http.SendAsync(GraphQLClient.Request(HttpMethod.Get, owner.Token, url: $"/api/files/{read}/content")))
            Assert.Equal(files[1].Content, await download.Content.ReadAsByteArrayAsync()); // appends FileAccessed
        host.CloudProxy.Release();
        var run = await running;

        Assert.Equal((3, 3, 0), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        var transactions = await SyncedInTransactionsAsync(files.Select(f => f.Id));
        Assert.Equal([1, 2], transactions.Values.Order());
        Assert.Single(await sync.EventsAsync<FileAccessed>(read));
        // A commit that failed would have left its sequence numbers as tombstones, a gap live subscribers wait out.
        Assert.Equal(tombstones, await TombstonesAsync());
    }

    private async Task<long> TombstonesAsync()
    {
        await using var connection = new NpgsqlConnection(host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {CatalogStore.SchemaName}.mt_events where type = 'tombstone'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many of the files' FileSyncedToCloud events each transaction wrote (rows one transaction inserts share its xmin).</summary>
    private async Task<Dictionary<string, int>> SyncedInTransactionsAsync(IEnumerable<Guid> fileIds)
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select xmin::text, count(*)::int from {CatalogStore.SchemaName}.mt_events " +
            "where stream_id = any(@ids) and mt_dotnet_type like 'Catalog.Domain.Files.FileSyncedToCloud,%' group by xmin::text", connection);
        command.Parameters.AddWithValue("ids", fileIds.ToArray());
        var counts = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }
}
