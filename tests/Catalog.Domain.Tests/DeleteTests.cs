using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;

namespace Catalog.Domain.Tests;

public class DeleteTests
{
    private static readonly DeleteFile Command = new(FileId, OwnerId, "duplicate upload");

    [Fact]
    public void Delete_of_a_local_file_appends_FileDeleted()
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.Delete(file, Command, Now);

        Then.Appended(decision, new FileDeleted(FileId, OwnerId, OwnerId, "duplicate upload", Now));
    }

    [Fact]
    public void Delete_of_a_synced_and_accessed_file_appends_FileDeleted()
    {
        var file = Given(Uploaded(), Accessed(), Synced(), Accessed());

        var decision = FileDecisions.Delete(file, Command, Now);

        Then.Appended(decision, new FileDeleted(FileId, OwnerId, OwnerId, "duplicate upload", Now));
    }

    [Fact]
    public void Delete_without_a_reason_records_no_reason()
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.Delete(file, new DeleteFile(FileId, OtherUserId, null), Now);

        Then.Appended(decision, new FileDeleted(FileId, OwnerId, OtherUserId, null, Now));
    }

    [Fact]
    public void Delete_of_a_deleted_file_decides_nothing()
    {
        var file = Given(Uploaded(), Deleted());

        var decision = FileDecisions.Delete(file, Command, Now);

        Then.Nothing(decision);
    }

    [Fact]
    public void Delete_of_a_restored_file_appends_a_new_FileDeleted()
    {
        var file = Given(Uploaded(), Deleted(), Restored());

        var decision = FileDecisions.Delete(file, Command, Now);

        Then.Appended(decision, new FileDeleted(FileId, OwnerId, OwnerId, "duplicate upload", Now));
    }

    [Fact]
    public void Delete_of_a_purged_file_is_not_found()
    {
        var file = Given(Uploaded(), Deleted(), Purged());

        var decision = FileDecisions.Delete(file, Command, Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }

    [Fact]
    public void Delete_with_a_reason_of_the_maximum_length_is_recorded()
    {
        var file = Given(Uploaded());
        var reason = new string('r', DeleteReason.MaximumLength);

        var decision = FileDecisions.Delete(file, Command with { Reason = reason }, Now);

        Then.Appended(decision, new FileDeleted(FileId, OwnerId, OwnerId, reason, Now));
    }

    [Fact]
    public void Delete_with_a_longer_reason_is_bad_input()
    {
        var file = Given(Uploaded());

        var decision = FileDecisions.Delete(file, Command with { Reason = new string('r', DeleteReason.MaximumLength + 1) }, Now);

        Then.Refused(decision, ErrorKind.BadInput);
    }

    [Fact]
    public void Delete_of_an_unknown_file_is_not_found()
    {
        var decision = FileDecisions.Delete(Given(), Command, Now);

        Then.Refused(decision, ErrorKind.NotFound);
    }
}
