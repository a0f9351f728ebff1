using Catalog.Domain.Files;
using Catalog.Domain.Sync;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.SyncRuns;

namespace Catalog.IntegrationTests.Sync;

[Collection(SyncCollection.Name)]
public sealed class SyncRunTests(SyncHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_run_copies_every_local_file_in_batches_verifies_it_and_records_it_once()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 7);

        var run = await sync.RunAsync(admin);

        Assert.Equal(SyncRunStatus.Finished, run.Status);
        Assert.Equal(SyncTrigger.Admin, run.Trigger);
        Assert.Equal(admin.Id, run.RequestedBy);
        Assert.Equal((7, 7, 0, 7 * 64 * 1024L), (run.FilesTried, run.FilesSynced, run.FilesFailed, run.Bytes));
        Assert.Equal(3, run.Batches); // 3 + 3 + 1 with Sync:BatchSize 3
        Assert.True(run.DurationSeconds >= 0);
        foreach (var (id, content) in files)
        {
            await sync.AssertInCloudAsync(owner, id, content);
            var synced = Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
            Assert.Equal((run.Id, "catalog-cloud", SyncHost.KeyOf(owner, id)), (synced.RunId, synced.Location.Bucket, synced.Location.ObjectKey));
            var listing = await sync.ListingAsync(id);
            Assert.Equal(StorageTier.LocalAndCloud, listing.Tier);
            Assert.NotNull(listing.SyncedAt);
            Assert.True(await host.LocalBucket.ExistsAsync(SyncHost.KeyOf(owner, id)), "the local copy stays by default");
        }
    }
}
