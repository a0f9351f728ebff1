using System.Net;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Wolverine.Tracking;

namespace Catalog.IntegrationTests.Files.Lifecycle;

[Collection(CatalogCollection.Name)]
public sealed class DeletionTests(CatalogHost host) : IAsyncLifetime
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private static readonly byte[] Content = "a file with a life\n"u8.ToArray();

    private TestUser owner = null!;
    private Guid fileId;

    public async Task InitializeAsync()
    {
        await host.ResetDataAsync();
        owner = await host.GraphQL.SignUpAsync();
        fileId = await host.UploadFileAsync(owner, "life.txt", Content, "text/plain");
    }

    public Task DisposeAsync()
    {
        host.Clock.Reset();
        return Task.CompletedTask;
    }

    private string LocalKey => $"{owner.Id}/{fileId}";

    [Fact]
    public async Task A_deleted_file_leaves_the_listing_shows_as_deleted_and_its_purge_is_scheduled()
    {
        var deleted = (await host.DeleteFileAsync(owner.Token, fileId, "  duplicate  ")).ShouldSucceed().Data.GetProperty("deleteFile");

        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        var @event = Assert.IsType<FileDeleted>((await host.EventsOfAsync(fileId))[^1]);
        Assert.Equal((fileId, owner.Id, "duplicate"), (@event.FileId, @event.DeletedBy, @event.Reason));
        Assert.DoesNotContain(fileId, await host.ListedIdsAsync(owner.Token));
        Assert.Equal(JsonValueKind.Null, (await host.FileAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("file").ValueKind);
        Assert.Equal([fileId], await host.ListedIdsAsync(owner.Token, "deletedFiles"));

        var (message, dueAt) = Assert.Single(await host.ScheduledPurgesAsync(fileId));
        Assert.Equal(new PurgeFile(fileId, @event.DeletedAt), message);
        Assert.InRange(dueAt - (@event.DeletedAt + Retention), TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(1));
        Assert.True(await host.LocalBucket.ExistsAsync(LocalKey));
    }

    [Fact]
    public async Task A_deleted_file_cannot_be_downloaded_by_either_path()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();

        (await host.RequestDownloadAsync(owner.Token, fileId)).ShouldFailWith("NOT_FOUND");
        using var content = await host.GetContentAsync(owner.Token, fileId);
        await ContentEndpointTests.ShouldBeProblem(content, 404, "NOT_FOUND");
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
    }

    [Fact]
    public async Task Deleting_twice_appends_and_schedules_nothing_more_and_answers_the_file()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();

        var again = (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("deleteFile");

        Assert.Equal(fileId, again.GetProperty("id").GetGuid());
        Assert.True(again.GetProperty("deleted").GetBoolean());
        Assert.Single((await host.EventsOfAsync(fileId)).OfType<FileDeleted>());
        Assert.Single(await host.ScheduledPurgesAsync(fileId));
    }

    [Fact]
    public async Task A_file_restored_within_the_window_is_back_everywhere()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        host.Clock.Advance(Retention - TimeSpan.FromMinutes(1));

        var restored = (await host.RestoreFileAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("restoreFile");

        Assert.False(restored.GetProperty("deleted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("deletedAt").ValueKind);
        Assert.IsType<FileRestored>((await host.EventsOfAsync(fileId))[^1]);
        Assert.Contains(fileId, await host.ListedIdsAsync(owner.Token));
        Assert.Empty(await host.ListedIdsAsync(owner.Token, "deletedFiles"));
        using var content = await host.GetContentAsync(owner.Token, fileId);
        Assert.Equal(Content, await content.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Restoring_a_file_that_is_not_deleted_changes_nothing()
    {
        var response = (await host.RestoreFileAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("restoreFile");

        Assert.False(response.GetProperty("deleted").GetBoolean());
        Assert.IsType<FileUploaded>(Assert.Single(await host.EventsOfAsync(fileId)));
    }

    [Fact]
    public async Task After_the_window_a_deleted_file_can_no_longer_be_restored_or_listed()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        host.Clock.Advance(Retention + TimeSpan.FromSeconds(1));

        (await host.RestoreFileAsync(owner.Token, fileId)).ShouldFailWith("NOT_FOUND");

        Assert.Empty(await host.ListedIdsAsync(owner.Token, "deletedFiles"));
        Assert.DoesNotContain(fileId, await host.ListedIdsAsync(owner.Token));
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FileRestored>());
    }

    [Fact]
    public async Task The_scheduled_purge_removes_every_copy_and_the_file_for_good()
    {
        await host.SyncToCloudAsync(owner.Id, fileId, Content);
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        var (purge, _) = Assert.Single(await host.ScheduledPurgesAsync(fileId));
        host.Clock.Advance(Retention + TimeSpan.FromMinutes(1));

        await host.Host.InvokeMessageAndWaitAsync(purge);

        Assert.False(await host.LocalBucket.ExistsAsync(LocalKey));
        Assert.False(await host.CloudBucket.ExistsAsync(LocalKey));
        var purged = Assert.IsType<FilePurged>((await host.EventsOfAsync(fileId))[^1]);
        Assert.Equal(new StorageLocation("catalog-local", LocalKey), purged.LocalCopy);
        Assert.Equal(new StorageLocation("catalog-cloud", LocalKey), purged.CloudCopy);
        Assert.Equal(purge.DeletedAt, purged.DeletedAt);
        Assert.DoesNotContain(fileId, await host.ListedIdsAsync(owner.Token));
        Assert.Empty(await host.ListedIdsAsync(owner.Token, "deletedFiles"));
        (await host.RestoreFileAsync(owner.Token, fileId)).ShouldFailWith("NOT_FOUND");
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldFailWith("NOT_FOUND");
        using var content = await host.GetContentAsync(owner.Token, fileId);
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
    }

    [Fact]
    public async Task The_purge_of_an_evicted_file_removes_the_cloud_copy_and_leaves_the_local_tier_alone()
    {
        await host.SyncToCloudAsync(owner.Id, fileId, Content);
        await host.EvictLocalCopyAsync(fileId);
        await host.LocalBucket.DeleteAsync(LocalKey);
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        var (purge, _) = Assert.Single(await host.ScheduledPurgesAsync(fileId));
        host.Clock.Advance(Retention + TimeSpan.FromMinutes(1));

        await host.Host.InvokeMessageAndWaitAsync(purge);

        var purged = Assert.IsType<FilePurged>((await host.EventsOfAsync(fileId))[^1]);
        Assert.Null(purged.LocalCopy);
        Assert.Equal(new StorageLocation("catalog-cloud", LocalKey), purged.CloudCopy);
        Assert.False(await host.CloudBucket.ExistsAsync(LocalKey));
    }

    [Fact]
    public async Task The_purge_removes_a_cloud_copy_that_a_crashed_sync_made_but_never_recorded()
    {
        var cloudKey = ObjectKeys.For(owner.Id, fileId);
        await host.CloudBucket.PutAsync(cloudKey, Content); // copied, then the process died before the batch was recorded
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        var (purge, _) = Assert.Single(await host.ScheduledPurgesAsync(fileId));
        host.Clock.Advance(Retention + TimeSpan.FromMinutes(1));

        await host.Host.InvokeMessageAndWaitAsync(purge);

        Assert.Null(Assert.IsType<FilePurged>((await host.EventsOfAsync(fileId))[^1]).CloudCopy);
        Assert.False(await host.CloudBucket.ExistsAsync(cloudKey));
        Assert.False(await host.LocalBucket.ExistsAsync(LocalKey));
    }

    [Fact]
    public async Task A_purge_delivered_twice_purges_once()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        var (purge, _) = Assert.Single(await host.ScheduledPurgesAsync(fileId));
        host.Clock.Advance(Retention + TimeSpan.FromMinutes(1));

        await host.Host.InvokeMessageAndWaitAsync(purge);
        await host.Host.InvokeMessageAndWaitAsync(purge);

        Assert.Single((await host.EventsOfAsync(fileId)).OfType<FilePurged>());
    }

    [Fact]
    public async Task The_purge_of_a_restored_file_does_nothing()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        (await host.RestoreFileAsync(owner.Token, fileId)).ShouldSucceed();
        var (purge, _) = Assert.Single(await host.ScheduledPurgesAsync(fileId));
        host.Clock.Advance(Retention + TimeSpan.FromMinutes(1));

        await host.Host.InvokeMessageAndWaitAsync(purge);

        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FilePurged>());
        Assert.True(await host.LocalBucket.ExistsAsync(LocalKey));
        Assert.Contains(fileId, await host.ListedIdsAsync(owner.Token));
    }

    [Fact]
    public async Task After_a_second_deletion_only_its_own_purge_acts()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        (await host.RestoreFileAsync(owner.Token, fileId)).ShouldSucceed();
        host.Clock.Advance(TimeSpan.FromDays(1));
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        var purges = await host.ScheduledPurgesAsync(fileId);
        Assert.Equal(2, purges.Count);
        host.Clock.Advance(Retention + TimeSpan.FromMinutes(1));

        await host.Host.InvokeMessageAndWaitAsync(purges[0].Message);
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FilePurged>());
        Assert.True(await host.LocalBucket.ExistsAsync(LocalKey));

        await host.Host.InvokeMessageAndWaitAsync(purges[1].Message);
        Assert.Equal(purges[1].Message.DeletedAt, Assert.Single((await host.EventsOfAsync(fileId)).OfType<FilePurged>()).DeletedAt);
        Assert.False(await host.LocalBucket.ExistsAsync(LocalKey));
    }

    [Fact]
    public async Task A_purge_delivered_before_the_window_closes_waits_for_it_again()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        var (purge, dueAt) = Assert.Single(await host.ScheduledPurgesAsync(fileId));

        await host.Host.InvokeMessageAndWaitAsync(purge);

        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FilePurged>());
        Assert.True(await host.LocalBucket.ExistsAsync(LocalKey));
        var scheduled = await host.ScheduledPurgesAsync(fileId);
        Assert.Equal(2, scheduled.Count);
        Assert.All(scheduled, s => Assert.InRange(s.DueAt - dueAt, TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public async Task The_empty_id_is_an_unknown_file_to_delete_and_to_restore()
    {
        (await host.DeleteFileAsync(owner.Token, Guid.Empty)).ShouldFailWith("NOT_FOUND");
        (await host.RestoreFileAsync(owner.Token, Guid.Empty)).ShouldFailWith("NOT_FOUND");

        Assert.Empty(await host.EventsOfAsync(Guid.Empty));
        Assert.Equal([fileId], await host.ListedIdsAsync(owner.Token));
    }

    [Fact]
    public async Task Someone_elses_file_cannot_be_deleted_restored_or_listed_and_looks_unknown()
    {
        var stranger = await host.GraphQL.SignUpAsync();
        var unknownId = Guid.CreateVersion7();

        var deleteTheirs = await host.DeleteFileAsync(stranger.Token, fileId);
        var deleteUnknown = await host.DeleteFileAsync(stranger.Token, unknownId);
        deleteTheirs.ShouldFailWith("NOT_FOUND");
        deleteUnknown.ShouldFailWith("NOT_FOUND");
        Assert.Equal(deleteUnknown.FirstErrorMessage.Replace(unknownId.ToString(), "ID", StringComparison.Ordinal),
            deleteTheirs.FirstErrorMessage.Replace(fileId.ToString(), "ID", StringComparison.Ordinal));

        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        var restoreTheirs = await host.RestoreFileAsync(stranger.Token, fileId);
        var restoreUnknown = await host.RestoreFileAsync(stranger.Token, unknownId);
        restoreTheirs.ShouldFailWith("NOT_FOUND");
        restoreUnknown.ShouldFailWith("NOT_FOUND");
        Assert.Equal(restoreUnknown.FirstErrorMessage.Replace(unknownId.ToString(), "ID", StringComparison.Ordinal),
            restoreTheirs.FirstErrorMessage.Replace(fileId.ToString(), "ID", StringComparison.Ordinal));

        Assert.Empty(await host.ListedIdsAsync(stranger.Token, "deletedFiles"));
        Assert.Equal([fileId], await host.ListedIdsAsync(owner.Token, "deletedFiles"));
        var events = await host.EventsOfAsync(fileId);
        Assert.Single(events.OfType<FileDeleted>());
        Assert.Empty(events.OfType<FileRestored>());
    }

    [Fact]
    public async Task A_reason_longer_than_allowed_is_bad_input_and_deletes_nothing()
    {
        (await host.DeleteFileAsync(owner.Token, fileId, new string('x', DeleteReason.MaximumLength + 1))).ShouldFailWith("BAD_USER_INPUT");

        Assert.IsType<FileUploaded>(Assert.Single(await host.EventsOfAsync(fileId)));
        Assert.Empty(await host.ScheduledPurgesAsync(fileId));
    }

    [Fact]
    public async Task Deleted_files_are_listed_most_recent_first_in_pages()
    {
        var second = await host.UploadFileAsync(owner, "second.txt", [2]);
        var third = await host.UploadFileAsync(owner, "third.txt", [3]);
        foreach (var id in new[] { fileId, second, third })
            (await host.DeleteFileAsync(owner.Token, id)).ShouldSucceed();

        var firstPage = (await host.GraphQL.SendAsync(
            "{ deletedFiles(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }", token: owner.Token))
            .ShouldSucceed().Data.GetProperty("deletedFiles");
        var after = firstPage.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var secondPage = (await host.GraphQL.SendAsync(
            "query($after: String) { deletedFiles(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } }",
            new { after }, owner.Token)).ShouldSucceed().Data.GetProperty("deletedFiles");

        Assert.Equal(3, firstPage.GetProperty("totalCount").GetInt32());
        Assert.True(firstPage.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(secondPage.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal([third, second, fileId], IdsOf(firstPage).Concat(IdsOf(secondPage)));
    }

    [Fact]
    public async Task The_total_of_deleted_files_is_counted_on_an_empty_page_too()
    {
        var second = await host.UploadFileAsync(owner, "second.txt", [2]);
        foreach (var id in new[] { fileId, second })
            (await host.DeleteFileAsync(owner.Token, id)).ShouldSucceed();

        var none = (await host.GraphQL.SendAsync(
            "{ deletedFiles(first: 0) { totalCount edges { node { id } } pageInfo { hasNextPage } } }", token: owner.Token))
            .ShouldSucceed().Data.GetProperty("deletedFiles");

        Assert.Equal(2, none.GetProperty("totalCount").GetInt32());
        Assert.Empty(IdsOf(none));
        Assert.True(none.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task A_file_deleted_or_restored_between_two_pages_neither_repeats_nor_hides_another()
    {
        var second = await host.UploadFileAsync(owner, "second.txt", [2]);
        var third = await host.UploadFileAsync(owner, "third.txt", [3]);
        var fourth = await host.UploadFileAsync(owner, "fourth.txt", [4]);
        foreach (var id in new[] { fileId, second, third })
            (await host.DeleteFileAsync(owner.Token, id)).ShouldSucceed();
        const string Page = "query($after: String) { deletedFiles(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }";
        var firstPage = (await host.GraphQL.SendAsync(Page, new { after = (string?)null }, owner.Token)).ShouldSucceed().Data.GetProperty("deletedFiles");
        Assert.Equal([third, second], IdsOf(firstPage));

        // With offsets, the next page started at the third row of the list as it is now: second, again.
        (await host.DeleteFileAsync(owner.Token, fourth)).ShouldSucceed();
        var after = firstPage.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var secondPage = (await host.GraphQL.SendAsync(Page, new { after }, owner.Token)).ShouldSucceed().Data.GetProperty("deletedFiles");
        Assert.Equal([fileId], IdsOf(secondPage));

        // And restoring a file of the first page does not skip one of the next.
        (await host.RestoreFileAsync(owner.Token, third)).ShouldSucceed();
        secondPage = (await host.GraphQL.SendAsync(Page, new { after }, owner.Token)).ShouldSucceed().Data.GetProperty("deletedFiles");
        Assert.Equal([fileId], IdsOf(secondPage));
        Assert.False(secondPage.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Theory]
    [InlineData("b2Zmc2V0OjE")] // offset:1, as issued before keyset cursors
    [InlineData("ZmlsZXM6VXBsb2FkZWRBdC1EZXNjOjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwOjE")] // a files cursor
    [InlineData("ZGVsZXRlZDpEZWxldGVkQXQtRGVzYzowMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDp4")] // deleted:...:x
    [InlineData("ZGVsZXRlZDpEZWxldGVkQXQtRGVzYzowMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDoxAA")] // deleted:...:1\0, which .NET read as 1
    public async Task A_cursor_deletedFiles_did_not_issue_is_bad_input(string after)
    {
        (await host.GraphQL.SendAsync("query($after: String) { deletedFiles(first: 2, after: $after) { edges { node { id } } } }",
            new { after }, owner.Token)).ShouldFailWith("BAD_USER_INPUT");
    }

    [Fact]
    public async Task A_purge_frees_the_quota_and_the_history_tells_the_whole_life()
    {
        for (var i = 1; i < CatalogHost.QuotaFiles; i++)
            await host.UploadFileAsync(owner, $"filler-{i}.bin", [(byte)i]);
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        (await host.RestoreFileAsync(owner.Token, fileId)).ShouldSucceed();
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        // A file that can still be restored still takes its place.
        (await host.GraphQL.UploadAsync(owner.Token, "one-more.bin", [9])).ShouldFailWith("QUOTA_EXCEEDED");

        host.Clock.Advance(Retention + TimeSpan.FromMinutes(1));
        await host.Host.InvokeMessageAndWaitAsync((await host.ScheduledPurgesAsync(fileId))[^1].Message);

        (await host.GraphQL.UploadAsync(owner.Token, "one-more.bin", [9])).ShouldSucceed();
        var history = (await host.GraphQL.SendAsync(
                "query($id: ID!) { fileHistory(id: $id) { __typename actorId ... on FilePurgedEvent { removedFrom } } }",
                new { id = fileId }, owner.Token))
            .ShouldSucceed().Data.GetProperty("fileHistory").EnumerateArray().ToList();
        Assert.Equal(
            ["FileUploadedEvent", "FileDeletedEvent", "FileRestoredEvent", "FileDeletedEvent", "FilePurgedEvent"],
            history.Select(e => e.GetProperty("__typename").GetString()));
        Assert.Equal(owner.Id, history[2].GetProperty("actorId").GetGuid());
        Assert.Equal(JsonValueKind.Null, history[4].GetProperty("actorId").ValueKind);
        Assert.Equal(["LOCAL"], history[4].GetProperty("removedFrom").EnumerateArray().Select(t => t.GetString()));
    }

    private static IEnumerable<Guid> IdsOf(JsonElement connection) =>
        connection.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetGuid());
}
