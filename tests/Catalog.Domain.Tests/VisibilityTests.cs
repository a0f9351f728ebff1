using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;

namespace Catalog.Domain.Tests;

public class VisibilityTests
{
    [Fact]
    public void The_owner_sees_the_file()
    {
        var file = Given(Uploaded());

        Assert.Same(file, file.VisibleTo(OwnerId));
    }

    [Fact]
    public void Another_user_sees_no_file_at_all()
    {
        Assert.Null(Given(Uploaded()).VisibleTo(OtherUserId));
        Assert.Null(Given().VisibleTo(OtherUserId));
    }

    [Fact]
    public void Another_users_file_is_refused_exactly_like_an_unknown_id()
    {
        var file = Given(Uploaded(), Deleted());

        var theirs = FileDecisions.Restore(file.VisibleTo(OtherUserId), new RestoreFile(FileId, OtherUserId), Retention, Now);
        var unknown = FileDecisions.Restore(Given(), new RestoreFile(FileId, OtherUserId), Retention, Now);

        Then.Refused(theirs, ErrorKind.NotFound);
        Assert.Equal(unknown, theirs);
        Assert.Equal(FileDecisions.FileNotFound(FileId), theirs.Error);
    }
}
