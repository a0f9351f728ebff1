using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;

namespace Catalog.Domain.Tests;

public class SyncToCloudTests
{
    private static readonly Guid SecondRunId = Guid.Parse("5a9c0000-0000-0000-0000-000000000005");

    private static SyncFileToCloud Command(long size = Size, string sha256 = Sha256, Guid? runId = null) =>
        new(FileId, CloudCopy, sha256, size, runId ?? RunId);

    [Fact]
    public void Sync_of_a_local_file_with_matching_bytes_appends_FileSyncedToCloud()
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.SyncToCloud(file, Command(), Now);

        Then.Appended(decision, new FileSyncedToCloud(FileId, OwnerId, CloudCopy, Sha256, Size, RunId, Now));
    }

    [Fact]
    public void Sync_of_an_accessed_file_is_unaffected_by_the_accesses()
    {
        var file = Given(Uploaded(), Accessed(), Accessed());

        var decision = FileDecisions.SyncToCloud(file, Command(), Now);

        Then.Appended(decision, new FileSyncedToCloud(FileId, OwnerId, CloudCopy, Sha256, Size, RunId, Now));
    }

    [Fact]
    public void Sync_of_an_already_synced_file_decides_nothing()
    {
        var file = Given(Uploaded(), Synced());

        var decision = FileDecisions.SyncToCloud(file, Command(runId: SecondRunId), Now);

        Then.Nothing(decision);
    }

    [Fact]
    public void Sync_redelivered_with_the_same_run_decides_nothing()
    {
        var file = Given(Uploaded(), Synced());

        var decision = FileDecisions.SyncToCloud(file, Command(), Now);

        Then.Nothing(decision);
    }

    [Theory]
    [InlineData(Size + 1)]
    [InlineData(Size - 1)]
    [InlineData(0L)]
    public void Sync_with_a_different_size_is_a_conflict(long size)
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.SyncToCloud(file, Command(size: size), Now);

        Then.Refused(decision, ErrorKind.Conflict);
    }

    [Fact]
    public void Sync_with_a_different_sha256_is_a_conflict()
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.SyncToCloud(file, Command(sha256: OtherSha256), Now);

        Then.Refused(decision, ErrorKind.Conflict);
    }

    [Theory]
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")] // same digest, upper case
    [InlineData("")]
    public void Sync_with_a_malformed_sha256_is_bad_input(string sha256)
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.SyncToCloud(file, Command(sha256: sha256), Now);

        Then.Refused(decision, ErrorKind.BadInput);
    }

    [Fact]
    public void Sync_of_a_deleted_file_is_not_found()
    {
        var file = Given(Uploaded(), Deleted());

        var decision = FileDecisions.SyncToCloud(file, Command(), Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }

    [Fact]
    public void Sync_of_a_deleted_file_is_not_found_even_if_it_was_synced_before()
    {
        var file = Given(Uploaded(), Synced(), Deleted());

        var decision = FileDecisions.SyncToCloud(file, Command(), Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }

    [Fact]
    public void Sync_of_an_unknown_file_is_not_found()
    {
        var decision = FileDecisions.SyncToCloud(Given(), Command(), Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }
}
