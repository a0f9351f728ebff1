using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;

namespace Catalog.Domain.Tests;

public class DirectUploadTests
{
    private static readonly Guid UploadId = Guid.Parse("0b10ad00-0000-0000-0000-000000000005");
    private static readonly StorageLocation Staging = new("local-files", $"uploads/{UploadId:N}");
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);
    private static readonly AcceptedContent Pdf = new("application/pdf", ContentCategory.Document, 50_000);
    private static readonly DateTimeOffset BegunAt = Now.AddMinutes(-10);
    private static readonly DateTimeOffset ExpiresAt = BegunAt + Lifetime;

    private static BeginDirectUpload Begin(long size = Size, string sha256 = Sha256, TimeSpan? lifetime = null) =>
        new(UploadId, FileId, OwnerId, "report.pdf", "application/pdf", size, sha256, Staging, lifetime ?? Lifetime);

    private static DirectUploadBegun Begun() =>
        new(UploadId, OwnerId, FileId, "report.pdf", "application/pdf", Size, Sha256, Staging, BegunAt, ExpiresAt);

    private static DirectUpload Pending() => DirectUpload.Create(Begun());

    private static CompleteDirectUpload Complete(long size = Size, string sha256 = Sha256, Guid? caller = null) =>
        new(UploadId, caller ?? OwnerId, new UploadedObject(size, sha256, "application/pdf", LocalCopy));

    [Fact]
    public void Begin_records_the_announced_file_and_when_its_url_expires()
    {
        Then.Appended(DirectUploadDecisions.Begin(Begin(), Pdf, BegunAt), Begun());
    }

    [Fact]
    public void Begin_refuses_a_size_over_the_limit_of_the_type()
    {
        Then.Refused(DirectUploadDecisions.Begin(Begin(size: Pdf.MaxBytes + 1), Pdf, Now), ErrorKind.TooLarge);
    }

    [Theory]
    [InlineData(-1L, Sha256)]
    [InlineData(10L, "not-a-hash")]
    [InlineData(10L, "")]
    public void Begin_refuses_a_negative_size_or_a_malformed_hash(long size, string sha256)
    {
        Then.Refused(DirectUploadDecisions.Begin(Begin(size, sha256), Pdf, Now), ErrorKind.BadInput);
    }

    [Fact]
    public void Begin_refuses_a_url_that_would_never_be_valid()
    {
        Then.Refused(DirectUploadDecisions.Begin(Begin(lifetime: TimeSpan.Zero), Pdf, Now), ErrorKind.BadInput);
    }

    [Fact]
    public void Complete_appends_the_file_at_its_own_location_and_closes_the_upload()
    {
        Then.Appended(DirectUploadDecisions.Complete(Pending(), Complete(), Now, Grace),
            new FileUploaded(FileId, OwnerId, "report.pdf", "application/pdf", Size, Sha256, LocalCopy, OwnerId, Now),
            new DirectUploadCompleted(UploadId, OwnerId, FileId, Now));
    }

    [Fact]
    public void Complete_of_a_completed_upload_appends_nothing()
    {
        var completed = Pending().Apply(new DirectUploadCompleted(UploadId, OwnerId, FileId, Now));

        Then.Nothing(DirectUploadDecisions.Complete(completed, Complete(), Now.AddMinutes(1), Grace));
    }

    [Fact]
    public void Complete_by_someone_else_or_of_an_unknown_upload_is_not_found()
    {
        Then.Refused(DirectUploadDecisions.Complete(Pending(), Complete(caller: OtherUserId), Now, Grace), ErrorKind.NotFound);
        Then.Refused(DirectUploadDecisions.Complete(null, Complete(), Now, Grace), ErrorKind.NotFound);
    }

    [Fact]
    public void Complete_with_other_bytes_than_announced_is_bad_input()
    {
        Then.Refused(DirectUploadDecisions.Complete(Pending(), Complete(size: Size + 1), Now, Grace), ErrorKind.BadInput);
        Then.Refused(DirectUploadDecisions.Complete(Pending(), Complete(sha256: OtherSha256), Now, Grace), ErrorKind.BadInput);
    }

    [Fact]
    public void Complete_is_accepted_through_the_grace_period_and_refused_as_expired_after_it()
    {
        Assert.Null(DirectUploadDecisions.Complete(Pending(), Complete(), ExpiresAt + Grace, Grace).Error);
        Then.Refused(DirectUploadDecisions.Complete(Pending(), Complete(), ExpiresAt + Grace + TimeSpan.FromTicks(10), Grace),
            ErrorKind.Expired);
    }

    [Fact]
    public void Complete_of_an_expired_upload_is_refused_as_expired()
    {
        var expired = Pending().Apply(new DirectUploadExpired(UploadId, OwnerId, ExpiresAt + Grace));

        Then.Refused(DirectUploadDecisions.Complete(expired, Complete(), Now, Grace), ErrorKind.Expired);
    }

    [Fact]
    public void CheckSize_tells_a_missing_object_from_one_of_the_wrong_size()
    {
        Assert.Equal(ErrorKind.BadInput, DirectUploadDecisions.CheckSize(Pending(), null)?.Kind);
        Assert.Equal(ErrorKind.BadInput, DirectUploadDecisions.CheckSize(Pending(), Size - 1)?.Kind);
        Assert.Null(DirectUploadDecisions.CheckSize(Pending(), Size));
    }

    [Fact]
    public void CheckCopiedType_refuses_a_copy_whose_bytes_show_another_type_than_those_judged()
    {
        var zip = new AcceptedContent("application/zip", ContentCategory.Other, 50_000);

        Assert.Null(DirectUploadDecisions.CheckCopiedType(Pdf, Pdf with { }));
        var changed = DirectUploadDecisions.CheckCopiedType(Pdf, zip);
        Assert.Equal(ErrorKind.Conflict, changed?.Kind);
        Assert.Contains("application/pdf", changed!.Message, StringComparison.Ordinal);
        Assert.Contains("application/zip", changed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expire_closes_a_pending_upload_once_its_grace_period_is_over()
    {
        var at = ExpiresAt + Grace;

        Then.Appended(DirectUploadDecisions.Expire(Pending(), at, Grace), new DirectUploadExpired(UploadId, OwnerId, at));
    }

    [Fact]
    public void Expire_before_the_grace_period_is_over_is_a_conflict()
    {
        Then.Refused(DirectUploadDecisions.Expire(Pending(), ExpiresAt + Grace - TimeSpan.FromSeconds(1), Grace), ErrorKind.Conflict);
    }

    [Fact]
    public void Expire_of_a_completed_expired_or_unknown_upload_appends_nothing()
    {
        var late = ExpiresAt + Grace + TimeSpan.FromHours(1);
        Then.Nothing(DirectUploadDecisions.Expire(Pending().Apply(new DirectUploadCompleted(UploadId, OwnerId, FileId, Now)), late, Grace));
        Then.Nothing(DirectUploadDecisions.Expire(Pending().Apply(new DirectUploadExpired(UploadId, OwnerId, late)), late, Grace));
        Then.Nothing(DirectUploadDecisions.Expire(null, late, Grace));
    }
}
