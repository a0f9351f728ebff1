using System.Net;
using System.Net.Http.Headers;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Sync;

/// <summary>Purges of files the sync has worked on leave nothing behind that no later purge removes.</summary>
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
