using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;
using static Catalog.Domain.Tests.SyncSpec;

namespace Catalog.Domain.Tests;

public class PurgeTests
{
    private static readonly PurgeFile Command = new(FileId, Deleted().DeletedAt);

    [Fact]
    public void Purge_when_the_window_closes_names_the_local_copy_to_remove()
    {
        var file = Given(Uploaded(), Accessed(), Deleted());

        var decision = FileDecisions.Purge(file, Command, Retention, WindowCloses);

        Then.Appended(decision, new FilePurged(FileId, OwnerId, Size, LocalCopy, null, Deleted().DeletedAt, WindowCloses));
    }

    [Fact]
    public void Purge_of_a_synced_file_names_both_copies()
    {
        var file = Given(Uploaded(), Synced(), Deleted());

        var decision = FileDecisions.Purge(file, Command, Retention, WindowCloses.AddDays(1));

        Then.Appended(decision,
            new FilePurged(FileId, OwnerId, Size, LocalCopy, CloudCopy, Deleted().DeletedAt, WindowCloses.AddDays(1)));
    }

    [Fact]
    public void Purge_of_a_file_whose_local_copy_was_evicted_names_only_the_cloud_copy()
    {
        var file = Given(Uploaded(), Synced(), Evicted(), Deleted());

        var decision = FileDecisions.Purge(file, Command, Retention, WindowCloses);

        Then.Appended(decision, new FilePurged(FileId, OwnerId, Size, null, CloudCopy, Deleted().DeletedAt, WindowCloses));
    }

    [Fact]
    public void Purge_while_the_file_can_still_be_restored_is_a_conflict()
    {
        var file = Given(Uploaded(), Deleted());

        var decision = FileDecisions.Purge(file, Command, Retention, WindowCloses.AddTicks(-1));

        Then.Refused(decision, ErrorKind.Conflict);
    }

    [Fact]
    public void Purge_of_a_restored_file_decides_nothing()
    {
        var file = Given(Uploaded(), Deleted(), Restored());

        var decision = FileDecisions.Purge(file, Command, Retention, WindowCloses);

        Then.Nothing(decision);
    }

    [Fact]
    public void Purge_scheduled_by_an_earlier_deletion_decides_nothing_after_a_second_deletion()
    {
        var file = Given(Uploaded(), Deleted(), Restored(), DeletedAgain());

        var decision = FileDecisions.Purge(file, Command, Retention, WindowCloses.AddDays(1));

        Then.Nothing(decision);
    }

    [Fact]
    public void Purge_scheduled_by_the_latest_deletion_purges()
    {
        var file = Given(Uploaded(), Deleted(), Restored(), DeletedAgain());
        var due = DeletedAgain().DeletedAt + Retention;

        var decision = FileDecisions.Purge(file, new PurgeFile(FileId, DeletedAgain().DeletedAt), Retention, due);

        Then.Appended(decision, new FilePurged(FileId, OwnerId, Size, LocalCopy, null, DeletedAgain().DeletedAt, due));
    }

    [Fact]
    public void Purge_repeated_after_it_took_effect_decides_nothing()
    {
        var file = Given(Uploaded(), Deleted(), Purged());

        var decision = FileDecisions.Purge(file, Command, Retention, WindowCloses.AddDays(1));

        Then.Nothing(decision);
    }

    [Fact]
    public void Purge_of_a_file_that_was_never_deleted_decides_nothing()
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.Purge(file, Command, Retention, WindowCloses);

        Then.Nothing(decision);
    }

    [Fact]
    public void Purge_of_an_unknown_file_is_not_found()
    {
        var decision = FileDecisions.Purge(Given(), Command, Retention, WindowCloses);

        Then.Refused(decision, ErrorKind.NotFound);
    }
}
