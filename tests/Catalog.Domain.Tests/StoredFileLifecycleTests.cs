using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;
using static Catalog.Domain.Tests.SyncSpec;

namespace Catalog.Domain.Tests;

public class StoredFileLifecycleTests
{
    [Fact]
    public void A_restored_file_is_no_longer_deleted()
    {
        var file = Given(Uploaded(), Deleted(), Restored())!;

        Assert.Equal(Given(Uploaded()), file);
        Assert.Null(file.RestorableUntil(Retention));
    }

    [Fact]
    public void A_deleted_file_is_restorable_for_the_retention_period()
    {
        var file = Given(Uploaded(), Deleted())!;

        Assert.Equal(WindowCloses, file.RestorableUntil(Retention));
    }

    [Fact]
    public void A_file_deleted_again_counts_from_its_latest_deletion()
    {
        var file = Given(Uploaded(), Deleted(), Restored(), DeletedAgain())!;

        Assert.Equal(DeletedAgain().DeletedAt, file.DeletedAt);
        Assert.Equal(DeletedAgain().DeletedAt + Retention, file.RestorableUntil(Retention));
    }

    [Fact]
    public void A_purged_file_stays_deleted_and_can_no_longer_be_restored()
    {
        var file = Given(Uploaded(), Deleted(), Purged())!;

        Assert.True(file.IsPurged);
        Assert.True(file.IsDeleted);
        Assert.Null(file.RestorableUntil(Retention));
    }

    [Fact]
    public void The_local_copy_is_read_before_the_cloud_copy()
    {
        var file = Given(Uploaded(), Synced())!;

        Assert.Equal(
            [new StoredCopy(StorageTier.Local, LocalCopy), new StoredCopy(StorageTier.Cloud, CloudCopy)],
            file.ReadableCopies);
    }

    [Fact]
    public void A_file_that_was_never_synced_has_only_its_local_copy()
    {
        var file = Given(Uploaded())!;

        Assert.Equal([new StoredCopy(StorageTier.Local, LocalCopy)], file.ReadableCopies);
    }

    [Fact]
    public void An_evicted_local_copy_is_no_longer_read()
    {
        var file = Given(Uploaded(), Synced(), Evicted())!;

        Assert.Equal([new StoredCopy(StorageTier.Cloud, CloudCopy)], file.ReadableCopies);
    }
}
