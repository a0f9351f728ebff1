using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Sync;

/// <summary>Evicting local copies after a sync respects identical content shared by several files (ADR 0018).</summary>
[Collection(SyncCollection.Name)]
public sealed class SharedContentEvictionTests(SyncHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_shared_local_object_goes_with_the_last_eviction_and_each_file_gets_its_cloud_copy()
    {
        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(40_000);
        var first = await UploadAsync(owner, "first.bin", content);
        var second = await UploadAsync(owner, "second.bin", content);

        var run = await sync.RunAsync(admin);

        Assert.Equal(2, run.FilesSynced);
        foreach (var id in new[] { first, second })
        {
            await sync.AssertInCloudAsync(owner, id, content);
            Assert.Single(await sync.EventsAsync<LocalCopyEvicted>(id));
            Assert.Equal(StorageTier.Cloud, (await sync.ListingAsync(id)).Tier);
        }
        Assert.Empty(await host.LocalBucket.KeysUnderAsync($"{owner.Id}/"));
        var released = await sync.EventsAsync<ContentReleased>(ContentIds.For(owner.Id, Sha256Of(content)));
        Assert.Equal([false, true], released.Select(r => r.ObjectRemoved));
    }

    [Fact]
    public async Task An_eviction_keeps_the_object_a_deleted_but_restorable_file_still_points_at()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(40_000);
        var synced = await UploadAsync(owner, "synced.bin", content);
        var deleted = await UploadAsync(owner, "deleted.bin", content);
        await sync.DeleteAsync(deleted, owner.Id); // not synced, still restorable: its bytes must stay
        await sync.RunAsync(admin);

        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);
        await sync.RunAsync(admin);

        Assert.Single(await sync.EventsAsync<LocalCopyEvicted>(synced));
        var kept = Assert.Single(await sync.EventsAsync<FileUploaded>(deleted)).Location.ObjectKey;
        Assert.Equal(SyncHost.KeyOf(owner, synced), kept);
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync(kept));
    }

    private async Task<Guid> UploadAsync(TestUser owner, string name, byte[] content) =>
        (await host.GraphQL.UploadAsync(owner.Token, name, content)).ShouldSucceed().Data.GetProperty("uploadFile").GetProperty("id").GetGuid();
}
