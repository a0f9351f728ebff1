using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;
using static Catalog.Domain.Tests.SyncSpec;

namespace Catalog.Domain.Tests;

public class RecordSyncFailureTests
{
    private static RecordSyncFailure Command(Guid? runId = null, string error = "connection refused") =>
        new(FileId, runId ?? RunId, error);

    [Fact]
    public void The_first_failure_is_attempt_one()
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.RecordSyncFailure(file, Command(), Now);

        Then.Appended(decision, new FileSyncFailed(FileId, OwnerId, RunId, 1, "connection refused", Now));
    }

    [Fact]
    public void A_failure_in_a_later_run_counts_the_runs_that_failed()
    {
        var file = Given(Uploaded(), SyncFailed(RunId, 1), Accessed());

        var decision = FileDecisions.RecordSyncFailure(file, Command(SecondRunId, "HTTP 503"), Now);

        Then.Appended(decision, new FileSyncFailed(FileId, OwnerId, SecondRunId, 2, "HTTP 503", Now));
    }

    [Fact]
    public void A_second_failure_in_the_same_run_decides_nothing()
    {
        var file = Given(Uploaded(), SyncFailed(RunId, 1));

        var decision = FileDecisions.RecordSyncFailure(file, Command(), Now);

        Then.Nothing(decision);
    }

    [Fact]
    public void A_failure_of_a_file_that_reached_the_cloud_meanwhile_decides_nothing()
    {
        var file = Given(Uploaded(), Synced());

        Then.Nothing(FileDecisions.RecordSyncFailure(file, Command(SecondRunId), Now));
    }

    [Fact]
    public void A_failure_of_a_deleted_file_decides_nothing()
    {
        var file = Given(Uploaded(), Deleted());

        Then.Nothing(FileDecisions.RecordSyncFailure(file, Command(), Now));
    }

    [Fact]
    public void A_failure_of_an_unknown_file_is_not_found()
    {
        Then.Refused(FileDecisions.RecordSyncFailure(Given(), Command(), Now), ErrorKind.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_failure_without_an_error_is_bad_input(string error)
    {
        Then.Refused(FileDecisions.RecordSyncFailure(Given(Uploaded()), Command(error: error), Now), ErrorKind.BadInput);
    }

    [Fact]
    public void A_long_error_is_cut_to_the_limit()
    {
        var decision = FileDecisions.RecordSyncFailure(Given(Uploaded()), Command(error: new string('x', 5_000)), Now);

        var failed = Assert.IsType<FileSyncFailed>(Assert.Single(decision.Events));
        Assert.Equal(FileDecisions.MaxSyncErrorLength, failed.Error.Length);
    }

    [Fact]
    public void Failures_are_remembered_and_a_later_sync_still_succeeds()
    {
        var file = Given(Uploaded(), SyncFailed(RunId, 1), SyncFailed(SecondRunId, 2))!;

        Assert.Equal(2, file.FailedSyncRuns);
        Assert.Equal(SecondRunId, file.LastFailedSyncRunId);
        Assert.Equal(StorageTier.Local, file.Tier);
        var decision = FileDecisions.SyncToCloud(file, new SyncFileToCloud(FileId, CloudCopy, Sha256, Size, RunId), Now);
        Then.Appended(decision, new FileSyncedToCloud(FileId, OwnerId, CloudCopy, Sha256, Size, RunId, Now));
    }
}
