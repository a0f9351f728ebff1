using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;

namespace Catalog.Domain.Tests;

public class RestoreTests
{
    private static readonly RestoreFile Command = new(FileId, OwnerId);

    [Fact]
    public void Restore_of_a_deleted_file_within_the_window_appends_FileRestored()
    {
        var file = Given(Uploaded(), Deleted());

        var decision = FileDecisions.Restore(file, Command, Retention, Now);

        Then.Appended(decision, new FileRestored(FileId, OwnerId, OwnerId, Now));
    }

    [Fact]
    public void Restore_in_the_last_tick_of_the_window_is_allowed()
    {
        var file = Given(Uploaded(), Synced(), Deleted());
        var lastTick = WindowCloses.AddTicks(-1);

        var decision = FileDecisions.Restore(file, Command, Retention, lastTick);

        Then.Appended(decision, new FileRestored(FileId, OwnerId, OwnerId, lastTick));
    }

    [Fact]
    public void Restore_when_the_window_has_closed_is_not_found()
    {
        var file = Given(Uploaded(), Deleted());

        var decision = FileDecisions.Restore(file, Command, Retention, WindowCloses);

        Then.Refused(decision, ErrorKind.NotFound);
        Assert.Equal(FileDecisions.FileNotFound(FileId), decision.Error);
    }

    [Fact]
    public void A_shorter_retention_closes_the_window_earlier()
    {
        var file = Given(Uploaded(), Deleted());

        var decision = FileDecisions.Restore(file, Command, TimeSpan.FromHours(1), Deleted().DeletedAt.AddHours(1));

        Then.Refused(decision, ErrorKind.NotFound);
    }

    [Fact]
    public void Restore_of_a_file_that_is_not_deleted_decides_nothing()
    {
        var file = Given(Uploaded(), Accessed());

        var decision = FileDecisions.Restore(file, Command, Retention, Now);

        Then.Nothing(decision);
    }

    [Fact]
    public void Restore_repeated_after_it_took_effect_decides_nothing()
    {
        var file = Given(Uploaded(), Deleted(), Restored());

        var decision = FileDecisions.Restore(file, Command, Retention, Now);

        Then.Nothing(decision);
    }

    [Fact]
    public void Restore_after_a_second_deletion_counts_the_window_from_the_latest_one()
    {
        var file = Given(Uploaded(), Deleted(), Restored(), DeletedAgain());
        var afterFirstWindow = WindowCloses.AddHours(1);

        var decision = FileDecisions.Restore(file, Command, Retention, afterFirstWindow);

        Then.Appended(decision, new FileRestored(FileId, OwnerId, OwnerId, afterFirstWindow));
    }

    [Fact]
    public void Restore_of_a_purged_file_is_not_found()
    {
        var file = Given(Uploaded(), Deleted(), Purged());

        var decision = FileDecisions.Restore(file, Command, Retention, Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }

    [Fact]
    public void Restore_of_an_unknown_file_is_not_found()
    {
        var decision = FileDecisions.Restore(Given(), Command, Retention, Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }

    [Fact]
    public void Restore_with_a_negative_retention_is_bad_input()
    {
        var file = Given(Uploaded(), Deleted());

        var decision = FileDecisions.Restore(file, Command, TimeSpan.FromTicks(-1), Now);

        Then.Refused(decision, ErrorKind.BadInput);
    }
}
