using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;

namespace Catalog.Domain.Tests;

public class UploadTests
{
    private static UploadFile Command(long size = Size, string sha256 = Sha256) =>
        new(FileId, OwnerId, "report.pdf", "application/pdf", size, sha256, LocalCopy);

    [Fact]
    public void Upload_appends_FileUploaded_by_the_owner_at_now()
    {
        var decision = FileDecisions.Upload(Command(), Now);

        Then.Appended(decision,
            new FileUploaded(FileId, OwnerId, "report.pdf", "application/pdf", Size, Sha256, LocalCopy, OwnerId, Now));
    }

    [Fact]
    public void Upload_of_an_empty_file_is_allowed()
    {
        var decision = FileDecisions.Upload(Command(size: 0), Now);

        Then.Appended(decision,
            new FileUploaded(FileId, OwnerId, "report.pdf", "application/pdf", 0, Sha256, LocalCopy, OwnerId, Now));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Upload_with_a_negative_size_is_bad_input(long size)
    {
        var decision = FileDecisions.Upload(Command(size: size), Now);

        Then.Refused(decision, ErrorKind.BadInput);
    }

    [Theory]
    [InlineData("")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")] // 63 chars
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a088")] // 65 chars
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")] // upper case
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g")] // not hex
    [InlineData(" 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")] // padded
    [InlineData("0x86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")] // prefixed
    [InlineData("\u0669f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")] // Arabic-Indic digit
    [InlineData("\uff19f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")] // full-width digit
    public void Upload_with_an_invalid_sha256_is_bad_input(string sha256)
    {
        var decision = FileDecisions.Upload(Command(sha256: sha256), Now);

        Then.Refused(decision, ErrorKind.BadInput);
    }

    [Fact]
    public void Upload_with_a_null_sha256_is_bad_input()
    {
        var decision = FileDecisions.Upload(Command(sha256: null!), Now);

        Then.Refused(decision, ErrorKind.BadInput);
    }
}
