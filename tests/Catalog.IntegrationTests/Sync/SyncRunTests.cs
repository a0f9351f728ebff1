using System.Security.Cryptography;
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
        Assert.Equal(7, host.CloudProxy.Puts);
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

    [Fact]
    public async Task Files_that_fill_the_last_batch_exactly_end_the_run_with_it_not_with_an_empty_batch()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        await sync.SeedAsync(owner, 2 * SyncHost.BatchSize);

        var run = await sync.RunAsync(admin);

        Assert.Equal((2, 2 * SyncHost.BatchSize), (run.Batches, run.FilesSynced));
        var batches = await sync.EventsAsync<SyncBatchCompleted>(run.Id);
        Assert.Equal([SyncHost.BatchSize, SyncHost.BatchSize], batches.Select(b => b.Tried));
    }

    [Fact]
    public async Task The_owner_sees_the_tier_change_in_the_listing()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        await sync.SeedAsync(owner, 1);

        await sync.RunAsync(admin);

        var node = (await host.GraphQL.SendAsync("{ files { edges { node { tier syncedAt failedSyncRuns } } } }", token: owner.Token))
            .ShouldSucceed().Data.GetProperty("files").GetProperty("edges")[0].GetProperty("node");
        Assert.Equal("LOCAL_AND_CLOUD", node.GetProperty("tier").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, node.GetProperty("syncedAt").ValueKind);
        Assert.Equal(0, node.GetProperty("failedSyncRuns").GetInt32());
    }

    [Fact]
    public async Task A_file_above_the_multipart_threshold_goes_up_in_parts_and_is_verified()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1, size: 6 * 1024 * 1024 + 123))[0];

        var run = await sync.RunAsync(admin);

        Assert.Equal(1, run.FilesSynced);
        Assert.Equal(2, host.CloudProxy.Puts); // two parts of at most 5 MiB
        await sync.AssertInCloudAsync(owner, id, content);
        Assert.Equal(StorageTier.LocalAndCloud, (await sync.ListingAsync(id)).Tier);
    }

    [Fact]
    public async Task Deleted_files_are_not_tried_and_a_second_run_moves_nothing_again()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 3);
        await sync.DeleteAsync(files[1].Id, owner.Id);

        var first = await sync.RunAsync(admin);
        var second = await sync.RunAsync(admin);

        Assert.Equal((2, 2), (first.FilesTried, first.FilesSynced));
        Assert.Equal((0, 0, 1), (second.FilesTried, second.FilesSynced, second.Batches));
        Assert.Equal(2, host.CloudProxy.Puts);
        Assert.Empty(await sync.EventsAsync<FileSyncedToCloud>(files[1].Id));
        Assert.False(await host.CloudBucket.ExistsAsync(SyncHost.KeyOf(owner, files[1].Id)));
        Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(files[0].Id));
        Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(files[2].Id));
    }

    [Fact]
    public async Task A_file_uploaded_after_the_run_started_waits_for_the_next_run()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        await sync.SeedAsync(owner, SyncHost.BatchSize); // a full first batch, so the run looks for more

        var held = host.CloudProxy.HoldTraffic();
        var running = sync.RunAsync(admin);
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        var late = (await host.GraphQL.UploadAsync(owner.Token, "late.bin", SampleFiles.RandomBinary(1024)))
            .ShouldSucceed().Data.GetProperty("uploadFile").GetProperty("id").GetGuid();
        host.CloudProxy.Release();
        var run = await running;

        Assert.Equal(SyncHost.BatchSize, run.FilesSynced);
        Assert.Equal(StorageTier.Local, (await sync.ListingAsync(late)).Tier);
        Assert.Equal(1, (await sync.RunAsync(admin)).FilesSynced);
        Assert.Equal(StorageTier.LocalAndCloud, (await sync.ListingAsync(late)).Tier);
    }

    [Fact]
    public async Task With_DeleteLocalAfterSync_the_local_copy_goes_once_the_cloud_copy_is_verified()
    {
        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1))[0];

        await sync.RunAsync(admin);

        await sync.AssertInCloudAsync(owner, id, content);
        Assert.False(await host.LocalBucket.ExistsAsync(SyncHost.KeyOf(owner, id)));
        var evicted = Assert.Single(await sync.EventsAsync<LocalCopyEvicted>(id));
        Assert.Equal(SyncHost.KeyOf(owner, id), evicted.Location.ObjectKey);
        Assert.Equal(StorageTier.Cloud, (await sync.ListingAsync(id)).Tier);
        var tier = (await host.GraphQL.SendAsync("{ files { edges { node { tier } } } }", token: owner.Token))
            .ShouldSucceed().Data.GetProperty("files").GetProperty("edges")[0].GetProperty("node").GetProperty("tier").GetString();
        Assert.Equal("CLOUD", tier);
    }

    [Fact]
    public async Task Turning_DeleteLocalAfterSync_on_evicts_files_synced_earlier_without_sending_them_again()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1))[0];
        await sync.RunAsync(admin);

        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);
        var run = await sync.RunAsync(admin);

        Assert.Equal((0, 0), (run.FilesTried, run.FilesSynced));
        Assert.Equal(1, host.CloudProxy.Puts);
        Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
        Assert.Single(await sync.EventsAsync<LocalCopyEvicted>(id));
        Assert.False(await host.LocalBucket.ExistsAsync(SyncHost.KeyOf(owner, id)));
        await sync.AssertInCloudAsync(owner, id, content);
        Assert.Equal(StorageTier.Cloud, (await sync.ListingAsync(id)).Tier);
    }

    [Fact]
    public async Task A_file_synced_earlier_whose_cloud_copy_cannot_be_checked_keeps_its_local_copy_and_the_run_finishes()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1))[0];
        await sync.RunAsync(admin);
        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);
        host.CloudProxy.Down();

        var run = await sync.RunAsync(admin);

        Assert.Equal((SyncRunStatus.Finished, 0, 1), (run.Status, run.FilesTried, run.Batches));
        Assert.Empty(await sync.EventsAsync<LocalCopyEvicted>(id));
        Assert.True(await host.LocalBucket.ExistsAsync(SyncHost.KeyOf(owner, id)));
        Assert.Equal(StorageTier.LocalAndCloud, (await sync.ListingAsync(id)).Tier);

        host.CloudProxy.Up();
        await sync.RunAsync(admin);
        Assert.Single(await sync.EventsAsync<LocalCopyEvicted>(id));
        await sync.AssertInCloudAsync(owner, id, content);
    }

    [Fact]
    public async Task A_file_synced_earlier_whose_cloud_copy_is_gone_keeps_its_local_copy_and_the_operator_is_told()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, _) = (await sync.SeedAsync(owner, 1))[0];
        await sync.RunAsync(admin);
        await host.CloudBucket.DeleteAsync(SyncHost.KeyOf(owner, id)); // lost behind the catalog's back
        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);

        await sync.RunAsync(admin);

        Assert.Empty(await sync.EventsAsync<LocalCopyEvicted>(id));
        Assert.True(await host.LocalBucket.ExistsAsync(SyncHost.KeyOf(owner, id)));
        // The local copy is now the file's only one, though the catalog says otherwise: someone must hear of it.
        var told = Assert.Single(host.Log.Events, e => e.Level == Serilog.Events.LogEventLevel.Warning
                                                      && e.RenderMessage().Contains(id.ToString(), StringComparison.Ordinal));
        Assert.Contains("no object", told.RenderMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_DeleteLocalAfterSync_a_failed_copy_keeps_the_local_copy()
    {
        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, _) = (await sync.SeedAsync(owner, 1))[0];
        host.CloudProxy.Down();

        var run = await sync.RunAsync(admin);

        Assert.Equal(1, run.FilesFailed);
        Assert.True(await host.LocalBucket.ExistsAsync(SyncHost.KeyOf(owner, id)));
        Assert.Empty(await sync.EventsAsync<LocalCopyEvicted>(id));
        Assert.Equal(StorageTier.Local, (await sync.ListingAsync(id)).Tier);
    }

    [Fact]
    public async Task Store_checksum_verification_marks_nothing_synced_when_the_store_returns_no_checksum()
    {
        // The S3-compatible test server keeps no checksums; real S3 does (see ADR 0033).
        using var _ = host.ChangeSyncOptions(o => o.Verification = Catalog.Sync.SyncVerification.StoreChecksum);
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, _) = (await sync.SeedAsync(owner, 1))[0];

        var run = await sync.RunAsync(admin);

        Assert.Equal((1, 0, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Empty(await sync.EventsAsync<FileSyncedToCloud>(id));
        var failed = Assert.Single(await sync.EventsAsync<FileSyncFailed>(id));
        Assert.Contains("checksum", failed.Error, StringComparison.OrdinalIgnoreCase);
    }
}
