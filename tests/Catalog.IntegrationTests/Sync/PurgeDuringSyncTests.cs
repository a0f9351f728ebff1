using System.Net;
using System.Net.Http.Headers;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.SyncRuns;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Sync;

/// <summary>
/// A file deleted, purged or restored while the sync is copying or evicting it: the sync never records a copy of a file
/// that is gone, a purge leaves nothing behind that no later purge removes, and identical content another file still
/// points at stays.
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class PurgeDuringSyncTests(SyncHost host) : IAsyncLifetime
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private readonly SyncDriver sync = new(host);
    private TestClock Clock => (TestClock)host.Host.Services.GetRequiredService<TimeProvider>();

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync()
    {
        Clock.Reset();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_file_deleted_and_purged_while_its_copy_is_on_the_wire_keeps_no_cloud_copy_and_no_record_of_one()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, _) = (await sync.SeedAsync(owner, 1))[0];

        var held = host.CloudProxy.HoldTraffic();
        var running = sync.RunAsync(admin);
        await held.WaitAsync(TimeSpan.FromSeconds(30)); // the file's state is read, its PUT is on the wire
        var purging = DeleteAndPurgeAsync(owner, id); // its removal of the cloud key waits behind the PUT
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        host.CloudProxy.Release();
        await purging;
        var run = await running;

        Assert.Equal((1, 0, 0, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed, run.FilesDeletedMeanwhile));
        var events = await sync.EventsAsync<IFileEvent>(id);
        Assert.IsType<FilePurged>(events[^1]);
        Assert.Empty(events.OfType<FileSyncedToCloud>());
        Assert.False(await host.CloudBucket.ExistsAsync(SyncHost.KeyOf(owner, id)));
        Assert.False(await host.LocalBucket.ExistsAsync(SyncHost.KeyOf(owner, id)));
        Assert.True((await sync.ListingAsync(id)).Purged);
    }

    [Fact]
    public async Task A_file_deleted_and_restored_while_its_copy_is_on_the_wire_is_recorded_as_synced()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1))[0];

        var held = host.CloudProxy.HoldTraffic();
        var running = sync.RunAsync(admin);
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        (await SendAsync(owner, "mutation($id: ID!) { deleteFile(id: $id) { id } }", id)).ShouldSucceed();
        (await SendAsync(owner, "mutation($id: ID!) { restoreFile(id: $id) { id } }", id)).ShouldSucceed();
        host.CloudProxy.Release();
        var run = await running;

        Assert.Equal((1, 1), (run.FilesTried, run.FilesSynced));
        Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
        await sync.AssertInCloudAsync(owner, id, content);
        Assert.Equal(StorageTier.LocalAndCloud, (await sync.ListingAsync(id)).Tier);
    }

    [Fact]
    public async Task Purging_one_of_two_identical_files_while_the_other_is_copied_keeps_the_bytes_the_other_needs()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(300_000);
        var kept = await UploadAsync(owner, "kept.bin", content);
        var purged = await UploadAsync(owner, "purged.bin", content);
        var shared = SyncHost.KeyOf(owner, kept);
        Assert.Equal(shared, Assert.Single(await sync.EventsAsync<FileUploaded>(purged)).Location.ObjectKey);

        var held = host.CloudProxy.HoldTraffic();
        var running = sync.RunAsync(admin); // both files are candidates; the first PUT is held
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        var purging = DeleteAndPurgeAsync(owner, purged);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        host.CloudProxy.Release();
        await purging;
        await running;

        Assert.IsType<FilePurged>((await sync.EventsAsync<IFileEvent>(purged))[^1]);
        Assert.Empty(await sync.EventsAsync<FileSyncedToCloud>(purged));
        Assert.False(await host.CloudBucket.ExistsAsync(SyncHost.KeyOf(owner, purged)));
        Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(kept));
        await sync.AssertInCloudAsync(owner, kept, content);
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync(shared));
        using var download = await GetContentAsync(owner, kept);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_eviction_is_not_held_up_by_a_download_streaming_the_local_copy()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(4 * 1024 * 1024);
        var id = await UploadAsync(owner, "streamed.bin", content);
        await sync.RunAsync(admin); // synced, the local copy kept

        host.LocalProxy.StallAnswersAfter(512 * 1024);
        var downloading = GetContentAsync(owner, id, HttpCompletionOption.ResponseHeadersRead);
        using var response = await downloading.WaitAsync(TimeSpan.FromSeconds(30)); // headers sent, the body stalled
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = response.Content.ReadAsByteArrayAsync();
        using (host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true))
        {
            var evicting = sync.RunAsync(admin); // its DELETE reaches the store; the answer waits behind the stall
            for (var waited = 0; await host.LocalBucket.ExistsAsync(SyncHost.KeyOf(owner, id)); waited++)
            {
                Assert.True(waited < 300, "the evicting run never removed the local object");
                await Task.Delay(100);
            }
            host.LocalProxy.Up();
            await evicting;
        }

        // Every byte arrives because the test store keeps a removed object readable for a read already under way. The
        // service holds nothing for a streamed read: a store that cut it would truncate the body (only presigned URLs
        // hold the local copy, ADR 0094).
        Assert.Equal(content, await body.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(await sync.EventsAsync<LocalCopyEvicted>(id));
        Assert.Equal(StorageTier.Local, Assert.Single(await sync.EventsAsync<FileAccessed>(id)).Tier);
    }

    [Fact]
    public async Task The_purge_of_an_evicted_file_removes_the_local_object_its_eviction_failed_to_remove()
    {
        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, _) = (await sync.SeedAsync(owner, 1))[0];
        var key = SyncHost.KeyOf(owner, id);
        // The eviction is recorded, then its removal fails (or the process dies before it): the object is left behind.
        host.Commits.AfterTheNext<LocalCopyEvicted>(id, host.LocalProxy.Down);
        await sync.RunAsync(admin);
        host.LocalProxy.Up();
        Assert.False(host.Commits.IsArmed);
        Assert.Single(await sync.EventsAsync<LocalCopyEvicted>(id));
        Assert.True(await host.LocalBucket.ExistsAsync(key));

        await DeleteAndPurgeAsync(owner, id);

        var purged = Assert.IsType<FilePurged>((await sync.EventsAsync<IFileEvent>(id))[^1]);
        Assert.Null(purged.LocalCopy); // the eviction already let go of it
        Assert.False(await host.CloudBucket.ExistsAsync(key));
        Assert.False(await host.LocalBucket.ExistsAsync(key));
    }

    [Fact]
    public async Task The_purge_of_an_evicted_file_keeps_the_local_object_an_identical_file_still_points_at()
    {
        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(40_000);
        var evicted = await UploadAsync(owner, "evicted.bin", content);
        var kept = await UploadAsync(owner, "kept.bin", content);
        var shared = SyncHost.KeyOf(owner, evicted);
        Assert.Equal(shared, Assert.Single(await sync.EventsAsync<FileUploaded>(kept)).Location.ObjectKey);
        (await SendAsync(owner, "mutation($id: ID!) { requestDownload(id: $id) { url } }", kept)).ShouldSucceed(); // holds its local copy
        await sync.RunAsync(admin);
        Assert.Single(await sync.EventsAsync<LocalCopyEvicted>(evicted));
        Assert.Empty(await sync.EventsAsync<LocalCopyEvicted>(kept));

        await DeleteAndPurgeAsync(owner, evicted);

        Assert.IsType<FilePurged>((await sync.EventsAsync<IFileEvent>(evicted))[^1]);
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync(shared));
        using var download = await GetContentAsync(owner, kept);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
    }

    private async Task DeleteAndPurgeAsync(TestUser owner, Guid id)
    {
        (await SendAsync(owner, "mutation($id: ID!) { deleteFile(id: $id) { id } }", id)).ShouldSucceed();
        var deleted = Assert.Single(await sync.EventsAsync<FileDeleted>(id));
        Clock.Advance(Retention + TimeSpan.FromMinutes(1));
        try
        {
            using var scope = host.Host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new PurgeFile(id, deleted.DeletedAt));
        }
        finally
        {
            Clock.Reset();
        }
    }

    private Task<GraphQLResponse> SendAsync(TestUser owner, string mutation, Guid id) =>
        host.GraphQL.SendAsync(mutation, new { id }, owner.Token);

    private async Task<Guid> UploadAsync(TestUser owner, string name, byte[] content) =>
        (await host.GraphQL.UploadAsync(owner.Token, name, content)).ShouldSucceed().Data.GetProperty("uploadFile").GetProperty("id").GetGuid();

    private async Task<HttpResponseMessage> GetContentAsync(
        TestUser owner, Guid id, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/files/{id}/content");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token);
        return await host.GraphQL.Http.SendAsync(request, completion);
    }
}
