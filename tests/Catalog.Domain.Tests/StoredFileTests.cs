using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;

namespace Catalog.Domain.Tests;

public class StoredFileTests
{
    private static readonly StoredFile JustUploaded =
        new(FileId, OwnerId, "report.pdf", Size, Sha256, LocalCopy, null, false, null);

    [Fact]
    public void An_uploaded_file_is_local_and_not_deleted()
    {
        var file = Given(Uploaded());

        Assert.Equal(JustUploaded, file);
        Assert.Equal(StorageTier.Local, file!.Tier);
    }

    [Fact]
    public void Accesses_do_not_change_the_state()
    {
        var file = Given(Uploaded(), Accessed(), Accessed());

        Assert.Equal(JustUploaded, file);
    }

    [Fact]
    public void A_synced_file_keeps_its_local_copy_and_gains_a_cloud_copy()
    {
        var file = Given(Uploaded(), Synced());

        Assert.Equal(JustUploaded with { CloudCopy = CloudCopy }, file);
        Assert.Equal(StorageTier.LocalAndCloud, file!.Tier);
    }

    [Fact]
    public void A_deleted_file_is_flagged_with_the_time_it_was_deleted()
    {
        var file = Given(Uploaded(), Deleted());

        Assert.Equal(JustUploaded with { IsDeleted = true, DeletedAt = Deleted().DeletedAt }, file);
        Assert.Equal(StorageTier.Local, file!.Tier);
    }

    [Fact]
    public void A_deleted_synced_file_remembers_its_cloud_copy()
    {
        var file = Given(Uploaded(), Synced(), Accessed(), Deleted());

        Assert.Equal(
            JustUploaded with { CloudCopy = CloudCopy, IsDeleted = true, DeletedAt = Deleted().DeletedAt },
            file);
        Assert.Equal(StorageTier.LocalAndCloud, file!.Tier);
    }

    [Fact]
    public void Folding_returns_new_states_and_leaves_the_previous_one_untouched()
    {
        var uploaded = Given(Uploaded())!;

        var deleted = uploaded.Apply(Deleted());

        Assert.False(uploaded.IsDeleted);
        Assert.Null(uploaded.DeletedAt);
        Assert.True(deleted.IsDeleted);
    }
}
