using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;

namespace Catalog.Domain.Tests;

public class SharedContentTests
{
    private static readonly Guid SecondFileId = Guid.Parse("f11e0000-0000-0000-0000-000000000002");
    private static readonly Guid ThirdFileId = Guid.Parse("f11e0000-0000-0000-0000-000000000003");
    private static readonly StorageLocation SecondCopy = new("local-files", $"files/{SecondFileId:N}");
    private static readonly Guid ContentId = ContentIds.For(OwnerId, Sha256);

    private static ContentReferenced Referenced(Guid fileId, StorageLocation? at = null) =>
        new(ContentId, OwnerId, Sha256, fileId, at ?? LocalCopy);

    private static SharedContent Shared(params Guid[] fileIds) =>
        fileIds.Skip(1).Aggregate(SharedContent.Create(Referenced(fileIds[0])), (c, id) => c.Apply(Referenced(id)));

    [Fact]
    public void Content_ids_differ_by_owner_and_by_hash_and_are_stable()
    {
        Assert.Equal(ContentIds.For(OwnerId, Sha256), ContentIds.For(OwnerId, Sha256));
        Assert.NotEqual(ContentIds.For(OwnerId, Sha256), ContentIds.For(OtherUserId, Sha256));
        Assert.NotEqual(ContentIds.For(OwnerId, Sha256), ContentIds.For(OwnerId, OtherSha256));
        Assert.Equal(8, ContentIds.For(OwnerId, Sha256).Version);
    }

    [Fact]
    public void The_first_file_with_some_bytes_points_at_its_own_object()
    {
        Then.Appended(SharedContentDecisions.Reference(null, OwnerId, Sha256, FileId, LocalCopy, existingIsThere: false), Referenced(FileId));
    }

    [Fact]
    public void A_later_file_with_the_same_bytes_points_at_the_existing_object()
    {
        Then.Appended(SharedContentDecisions.Reference(Shared(FileId), OwnerId, Sha256, SecondFileId, SecondCopy, existingIsThere: true),
            Referenced(SecondFileId, LocalCopy));
    }

    [Fact]
    public void Referencing_a_file_twice_appends_nothing()
    {
        Then.Nothing(SharedContentDecisions.Reference(Shared(FileId), OwnerId, Sha256, FileId, LocalCopy, existingIsThere: true));
    }

    [Fact]
    public void Once_the_object_was_removed_a_new_file_brings_its_own()
    {
        var emptied = Shared(FileId).Apply(new ContentReleased(ContentId, OwnerId, FileId, LocalCopy, ObjectRemoved: true));

        Then.Appended(SharedContentDecisions.Reference(emptied, OwnerId, Sha256, SecondFileId, SecondCopy, existingIsThere: true),
            Referenced(SecondFileId, SecondCopy));
    }

    [Fact]
    public void An_existing_object_found_missing_under_the_lock_is_replaced_by_the_new_files_own()
    {
        var content = Shared(FileId);

        Then.Appended(SharedContentDecisions.Reference(content, OwnerId, Sha256, SecondFileId, SecondCopy, existingIsThere: false),
            Referenced(SecondFileId, SecondCopy));
        var replaced = content.Apply(Referenced(SecondFileId, SecondCopy));
        var releaseOld = SharedContentDecisions.Release(replaced, FileId, LocalCopy);
        Assert.True(releaseOld.RemoveObject);
        Assert.Equal(SecondCopy, replaced.Apply((ContentReleased)releaseOld.Decision.Events[0]).Location);
    }

    [Fact]
    public void Releasing_one_of_several_references_keeps_the_object()
    {
        var release = SharedContentDecisions.Release(Shared(FileId, SecondFileId, ThirdFileId), SecondFileId, LocalCopy);

        Assert.False(release.RemoveObject);
        Then.Appended(release.Decision, new ContentReleased(ContentId, OwnerId, SecondFileId, LocalCopy, false));
    }

    [Fact]
    public void Releasing_the_last_reference_removes_the_object()
    {
        var content = Shared(FileId, SecondFileId).Apply(new ContentReleased(ContentId, OwnerId, FileId, LocalCopy, false));

        var release = SharedContentDecisions.Release(content, SecondFileId, LocalCopy);

        Assert.True(release.RemoveObject);
        Then.Appended(release.Decision, new ContentReleased(ContentId, OwnerId, SecondFileId, LocalCopy, true));
    }

    [Fact]
    public void A_file_the_content_does_not_know_owns_its_object_alone()
    {
        var unknown = SharedContentDecisions.Release(Shared(FileId), ThirdFileId, SecondCopy);
        var noContent = SharedContentDecisions.Release(null, FileId, LocalCopy);

        Assert.True(unknown.RemoveObject);
        Then.Nothing(unknown.Decision);
        Assert.True(noContent.RemoveObject);
        Then.Nothing(noContent.Decision);
    }

    [Fact]
    public void An_unknown_file_never_removes_the_shared_object()
    {
        var release = SharedContentDecisions.Release(Shared(FileId), ThirdFileId, LocalCopy);

        Assert.False(release.RemoveObject);
        Then.Nothing(release.Decision);
    }
}
