using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Wolverine.Tracking;
using static Catalog.IntegrationTests.Infrastructure.DirectUploadCalls;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Files;

[Collection(CatalogCollection.Name)]
public sealed class DeduplicationTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Identical_bytes_of_one_owner_are_stored_once_as_two_files()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(200_000);

        var first = await host.UploadFileAsync(user, "original.bin", content);
        var second = await host.UploadFileAsync(user, "copy.bin", content);

        Assert.NotEqual(first, second);
        Assert.Equal([$"{user.Id}/{first}"], await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
        Assert.Equal(LocationOf(first, user), (await UploadedAsync(second)).Location);
        Assert.Equal(2, (await host.ListedIdsAsync(user.Token)).Count);
        foreach (var id in new[] { first, second })
        {
            using var response = await host.GetContentAsync(user.Token, id);
            Assert.Equal(Sha256Of(content), Sha256Of(await response.Content.ReadAsByteArrayAsync()));
        }
    }

    [Fact]
    public async Task Identical_bytes_of_two_owners_are_two_objects()
    {
        var alice = await host.GraphQL.SignUpAsync();
        var bob = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(5000);

        var alicesFile = await host.UploadFileAsync(alice, "a.bin", content);
        var bobsFile = await host.UploadFileAsync(bob, "b.bin", content);

        Assert.Equal(LocationOf(alicesFile, alice), (await UploadedAsync(alicesFile)).Location);
        Assert.Equal(LocationOf(bobsFile, bob), (await UploadedAsync(bobsFile)).Location);
        Assert.True(await host.LocalBucket.ExistsAsync($"{bob.Id}/{bobsFile}"));
    }

    [Fact]
    public async Task The_shared_object_is_purged_only_with_the_last_file_pointing_at_it()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(3000);
        var first = await host.UploadFileAsync(user, "one.bin", content);
        var second = await host.UploadFileAsync(user, "two.bin", content);
        var key = $"{user.Id}/{first}";

        await PurgeAsync(user, first);

        Assert.True(await host.LocalBucket.ExistsAsync(key));
        using (var response = await host.GetContentAsync(user.Token, second))
            Assert.Equal(Sha256Of(content), Sha256Of(await response.Content.ReadAsByteArrayAsync()));

        await PurgeAsync(user, second);

        Assert.False(await host.LocalBucket.ExistsAsync(key));
        var released = (await host.EventsOfAsync(ContentIds.For(user.Id, Sha256Of(content)))).OfType<ContentReleased>().ToList();
        Assert.Equal([(first, false), (second, true)], released.Select(r => (r.FileId, r.ObjectRemoved)));
    }

    [Fact]
    public async Task After_the_last_purge_the_same_bytes_are_stored_anew()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(3000);
        var first = await host.UploadFileAsync(user, "one.bin", content);
        await PurgeAsync(user, first);

        var again = await host.UploadFileAsync(user, "again.bin", content);

        Assert.Equal(LocationOf(again, user), (await UploadedAsync(again)).Location);
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync($"{user.Id}/{again}"));
    }

    [Fact]
    public async Task Identical_uploads_at_once_all_point_at_stored_bytes_and_leave_no_orphan()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(100_000);

        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => host.UploadFileAsync(user, $"same-{i}.bin", content)));

        var locations = new List<StorageLocation>();
        foreach (var id in ids)
            locations.Add((await UploadedAsync(id)).Location);
        var keys = await host.LocalBucket.KeysUnderAsync($"{user.Id}/");
        Assert.Equal(locations.Select(l => l.ObjectKey).Distinct().Order(), keys.Order());
        foreach (var key in keys)
            Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync(key));
    }

    [Fact]
    public async Task An_upload_racing_the_last_purge_never_points_at_removed_bytes()
    {
        var user = await host.GraphQL.SignUpAsync();
        for (var round = 0; round < 3; round++)
        {
            var content = SampleFiles.RandomBinary(20_000);
            var doomed = await host.UploadFileAsync(user, $"doomed-{round}.bin", content);
            var purge = await DeleteAndDuePurgeAsync(user, doomed);

            var racing = host.UploadFileAsync(user, $"racer-{round}.bin", content);
            await host.Host.InvokeMessageAndWaitAsync(purge);
            var racer = await racing;

            var location = (await UploadedAsync(racer)).Location;
            Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync(location.ObjectKey));
        }
    }

    [Fact]
    public async Task A_direct_upload_of_bytes_already_kept_points_at_the_kept_object()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(50_000);
        var kept = await host.UploadFileAsync(user, "kept.bin", content);
        var ticket = await host.BeginUploadAsync(user.Token, "direct.bin", content);
        await ticket.PutAsync(content);

        var direct = (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile().GetProperty("id").GetGuid();

        Assert.Equal(LocationOf(kept, user), (await UploadedAsync(direct)).Location);
        Assert.Equal([$"{user.Id}/{kept}"], await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
    }

    private static StorageLocation LocationOf(Guid fileId, TestUser owner) => new("catalog-local", $"{owner.Id}/{fileId}");

    private async Task<FileUploaded> UploadedAsync(Guid fileId) =>
        Assert.IsType<FileUploaded>((await host.EventsOfAsync(fileId))[0]);

    private async Task<PurgeFile> DeleteAndDuePurgeAsync(TestUser user, Guid fileId)
    {
        (await host.DeleteFileAsync(user.Token, fileId)).ShouldSucceed();
        var (purge, dueAt) = (await host.ScheduledPurgesAsync(fileId))[^1];
        var wait = dueAt - host.Clock.GetUtcNow() + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
            host.Clock.Advance(wait);
        return purge;
    }

    private async Task PurgeAsync(TestUser user, Guid fileId)
    {
        await host.Host.InvokeMessageAndWaitAsync(await DeleteAndDuePurgeAsync(user, fileId));
        Assert.IsType<FilePurged>((await host.EventsOfAsync(fileId))[^1]);
    }
}
