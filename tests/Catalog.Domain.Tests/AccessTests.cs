using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;
using static Catalog.Domain.Tests.SyncSpec;

namespace Catalog.Domain.Tests;

public class AccessTests
{
    private static readonly AccessFile Command =
        new(FileId, OtherUserId, AccessMethod.PresignedUrl, "198.51.100.23", "Mozilla/5.0");

    [Fact]
    public void Access_to_a_local_file_appends_FileAccessed_with_the_local_tier()
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.Access(file, Command, Now);

        Then.Appended(decision,
            new FileAccessed(FileId, OwnerId, OtherUserId, AccessMethod.PresignedUrl, StorageTier.Local,
                "198.51.100.23", "Mozilla/5.0", Now));
    }

    [Fact]
    public void Access_to_a_synced_file_records_the_local_and_cloud_tier()
    {
        var file = Given(Uploaded(), Synced());

        var decision = FileDecisions.Access(file, Command, Now);

        Then.Appended(decision,
            new FileAccessed(FileId, OwnerId, OtherUserId, AccessMethod.PresignedUrl, StorageTier.LocalAndCloud,
                "198.51.100.23", "Mozilla/5.0", Now));
    }

    [Fact]
    public void Access_by_stream_without_client_details_is_recorded_as_such()
    {
        var file = Given(Uploaded(), Accessed());

        var decision = FileDecisions.Access(file, new AccessFile(FileId, OwnerId, AccessMethod.Stream, null, null), Now);

        Then.Appended(decision,
            new FileAccessed(FileId, OwnerId, OwnerId, AccessMethod.Stream, StorageTier.Local, null, null, Now));
    }

    [Fact]
    public void Access_to_a_deleted_file_is_not_found()
    {
        var file = Given(Uploaded(), Deleted());

        var decision = FileDecisions.Access(file, Command, Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }

    [Fact]
    public void Access_to_a_deleted_synced_file_is_not_found()
    {
        var file = Given(Uploaded(), Synced(), Deleted());

        var decision = FileDecisions.Access(file, Command, Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }

    [Fact]
    public void Access_served_from_the_cloud_copy_records_the_cloud_tier()
    {
        var file = Given(Uploaded(), Synced());

        var decision = FileDecisions.Access(file, Command with { ServedFrom = StorageTier.Cloud }, Now);

        Then.Appended(decision,
            new FileAccessed(FileId, OwnerId, OtherUserId, AccessMethod.PresignedUrl, StorageTier.Cloud,
                "198.51.100.23", "Mozilla/5.0", Now));
    }

    [Fact]
    public void Access_served_from_the_local_copy_of_a_synced_file_records_the_local_tier()
    {
        var file = Given(Uploaded(), Synced());

        var decision = FileDecisions.Access(file, Command with { ServedFrom = StorageTier.Local }, Now);

        Then.Appended(decision,
            new FileAccessed(FileId, OwnerId, OtherUserId, AccessMethod.PresignedUrl, StorageTier.Local,
                "198.51.100.23", "Mozilla/5.0", Now));
    }

    [Theory]
    [InlineData(StorageTier.Cloud)]
    [InlineData(StorageTier.LocalAndCloud)]
    public void Access_served_from_a_tier_without_a_copy_is_a_conflict(StorageTier servedFrom)
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.Access(file, Command with { ServedFrom = servedFrom }, Now);

        Then.Refused(decision, ErrorKind.Conflict);
    }

    [Fact]
    public void Access_served_from_an_evicted_local_copy_is_a_conflict()
    {
        var file = Given(Uploaded(), Synced(), Evicted());

        var decision = FileDecisions.Access(file, Command with { ServedFrom = StorageTier.Local }, Now);

        Then.Refused(decision, ErrorKind.Conflict);
    }

    [Fact]
    public void Access_to_a_restored_file_is_recorded()
    {
        var file = Given(Uploaded(), Deleted(), Restored());

        var decision = FileDecisions.Access(file, Command, Now);

        Then.Appended(decision,
            new FileAccessed(FileId, OwnerId, OtherUserId, AccessMethod.PresignedUrl, StorageTier.Local,
                "198.51.100.23", "Mozilla/5.0", Now));
    }

    [Fact]
    public void Access_to_a_purged_file_is_not_found()
    {
        var file = Given(Uploaded(), Deleted(), Purged());

        var decision = FileDecisions.Access(file, Command, Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }

    [Fact]
    public void Access_to_an_unknown_file_is_not_found()
    {
        var decision = FileDecisions.Access(Given(), Command, Now);

        Then.Refused(decision, ErrorKind.NotFound);
        Assert.Contains(FileId.ToString(), decision.Error!.Message, StringComparison.Ordinal);
    }
}
