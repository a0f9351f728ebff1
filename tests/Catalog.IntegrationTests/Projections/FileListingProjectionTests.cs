using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using static Catalog.IntegrationTests.Projections.ProjectionSpecs;

namespace Catalog.IntegrationTests.Projections;

public sealed class FileListingProjectionTests
{
    [Fact]
    public void An_upload_creates_the_row_timed_by_the_event_metadata()
    {
        var row = FileListingProjection.Create(At(Uploaded(), 1, 0));

        Assert.Equal((FileId, OwnerId, "ledger.csv", 42L, Sha), (row.Id, row.OwnerId, row.Name, row.Size, row.Sha256));
        Assert.Equal((StorageTier.Local, T0, 1L), (row.Tier, row.UploadedAt, row.Version));
        Assert.Equal((0, (DateTimeOffset?)null, false), (row.AccessCount, row.LastAccessedAt, row.Deleted));
    }

    [Fact]
    public void Accesses_count_up_and_keep_the_last_time()
    {
        var row = FileListingProjection.Create(At(Uploaded(), 1, 0));

        row = FileListingProjection.Apply(At(Accessed(), 2, 5), row);
        row = FileListingProjection.Apply(At(Accessed(), 3, 9), row);

        Assert.Equal((2, (DateTimeOffset?)T0.AddMinutes(9), 3L), (row.AccessCount, row.LastAccessedAt, row.Version));
    }

    [Fact]
    public void A_sync_moves_the_row_to_both_tiers()
    {
        var row = FileListingProjection.Create(At(Uploaded(), 1, 0));

        row = FileListingProjection.Apply(At(Synced(), 2, 60), row);

        Assert.Equal((StorageTier.LocalAndCloud, (DateTimeOffset?)T0.AddMinutes(60), Cloud), (row.Tier, row.SyncedAt, row.CloudCopy));
    }

    [Fact]
    public void A_delete_marks_the_row_and_keeps_it()
    {
        var row = FileListingProjection.Create(At(Uploaded(), 1, 0));

        row = FileListingProjection.Apply(At(Deleted(), 2, 30), row);

        Assert.True(row.Deleted);
        Assert.Equal(T0.AddMinutes(30), row.DeletedAt);
        Assert.Equal("ledger.csv", row.Name);
    }
}
