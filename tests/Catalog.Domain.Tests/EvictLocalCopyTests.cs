using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;
using static Catalog.Domain.Tests.SyncSpec;

namespace Catalog.Domain.Tests;

public class EvictLocalCopyTests
{
    private static readonly EvictLocalCopy Command = new(FileId, RunId);

    [Fact]
    public void Eviction_after_a_verified_sync_appends_LocalCopyEvicted_with_the_local_location()
    {
        var file = Given(Uploaded(), Synced());

        var decision = FileDecisions.EvictLocalCopy(file, Command, Now);

        Then.Appended(decision, new LocalCopyEvicted(FileId, OwnerId, LocalCopy, RunId, Now));
    }

    private static FileAccessed TicketOf(StorageTier tier, DateTimeOffset expiresAt) =>
        new(FileId, OwnerId, OtherUserId, AccessMethod.PresignedUrl, tier, null, null, expiresAt.AddMinutes(-5), expiresAt);

    [Fact]
    public void Eviction_waits_while_a_download_url_of_the_local_copy_still_works()
    {
        var file = Given(Uploaded(), Synced(), TicketOf(StorageTier.Local, Now.AddSeconds(1)), TicketOf(StorageTier.Local, Now.AddMinutes(-1)));

        Then.Nothing(FileDecisions.EvictLocalCopy(file, Command, Now));
        Then.Appended(FileDecisions.EvictLocalCopy(file, Command, Now.AddSeconds(1)),
            new LocalCopyEvicted(FileId, OwnerId, LocalCopy, RunId, Now.AddSeconds(1)));
    }

    [Fact]
    public void Download_urls_of_the_cloud_copy_and_streamed_reads_do_not_hold_the_local_copy()
    {
        var file = Given(Uploaded(), Synced(), TicketOf(StorageTier.Cloud, Now.AddMinutes(5)), Accessed());

        Then.Appended(FileDecisions.EvictLocalCopy(file, Command, Now), new LocalCopyEvicted(FileId, OwnerId, LocalCopy, RunId, Now));
    }

    [Fact]
    public void An_access_by_url_records_until_when_the_url_works()
    {
        var file = Given(Uploaded(), Synced());
        var expiresAt = Now.AddMinutes(5);

        var decision = FileDecisions.Access(file, new AccessFile(FileId, OtherUserId, AccessMethod.PresignedUrl, null, null, StorageTier.Local, expiresAt), Now);

        Then.Appended(decision, new FileAccessed(FileId, OwnerId, OtherUserId, AccessMethod.PresignedUrl, StorageTier.Local, null, null, Now, expiresAt));
    }

    [Fact]
    public void Eviction_of_a_file_without_a_cloud_copy_is_a_conflict()
    {
        var file = Given(Uploaded(), Accessed());

        var decision = FileDecisions.EvictLocalCopy(file, Command, Now);

        Then.Refused(decision, ErrorKind.Conflict);
    }

    [Fact]
    public void Eviction_repeated_decides_nothing()
    {
        var file = Given(Uploaded(), Synced(), Evicted());

        var decision = FileDecisions.EvictLocalCopy(file, Command, Now);

        Then.Nothing(decision);
    }

    [Fact]
    public void Eviction_of_a_deleted_file_is_not_found()
    {
        var file = Given(Uploaded(), Synced(), Deleted());

        var decision = FileDecisions.EvictLocalCopy(file, Command, Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }

    [Fact]
    public void Eviction_of_an_unknown_file_is_not_found()
    {
        Then.Refused(FileDecisions.EvictLocalCopy(Given(), Command, Now), ErrorKind.NotFound);
    }

    [Fact]
    public void An_evicted_file_is_in_the_cloud_tier_only()
    {
        var file = Given(Uploaded(), Synced(), Evicted())!;

        Assert.Equal(StorageTier.Cloud, file.Tier);
        Assert.True(file.IsLocalCopyEvicted);
        Assert.Equal(CloudCopy, file.CloudCopy);
    }

    [Fact]
    public void A_synced_file_that_was_not_evicted_is_in_both_tiers()
    {
        Assert.Equal(StorageTier.LocalAndCloud, Given(Uploaded(), Synced())!.Tier);
    }

    [Fact]
    public void An_evicted_file_decides_nothing_when_synced_again()
    {
        var file = Given(Uploaded(), Synced(), Evicted());

        var decision = FileDecisions.SyncToCloud(file, new SyncFileToCloud(FileId, CloudCopy, Sha256, Size, SecondRunId), Now);

        Then.Nothing(decision);
    }
}
