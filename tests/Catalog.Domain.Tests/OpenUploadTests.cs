using Catalog.Domain.Files;

namespace Catalog.Domain.Tests;

public class OpenUploadTests
{
    private static readonly Quota Quota = new(100, 5);

    [Theory]
    [InlineData(0, 0, 0, 100, null)]
    [InlineData(50, 1, 30, 20, null)]                            // used, open and new fill the quota exactly
    [InlineData(50, 1, 30, 21, ErrorKind.QuotaExceeded)]         // one byte over, counting what open uploads announced
    [InlineData(0, 3, 0, 1, ErrorKind.QuotaExceeded)]            // as many open as allowed, however small
    [InlineData(10, 1, 10, long.MaxValue, ErrorKind.QuotaExceeded)] // a sum that would wrap around to a negative number
    public void Open_uploads_hold_quota_and_are_bounded_in_number(long usedBytes, int openCount, long openBytes, long size, ErrorKind? expected)
    {
        var error = OpenUploadDecisions.Admit(new Usage(usedBytes, 0), new OpenUploads(openCount, openBytes), size, Quota, maxOpen: 3);

        Assert.Equal(expected, error?.Kind);
    }

    [Theory]
    [InlineData(50, 30, 20, null)]                           // used, held and the file fill the quota exactly
    [InlineData(50, 30, 21, ErrorKind.QuotaExceeded)]        // one byte of what an open upload holds
    [InlineData(0, 0, 101, ErrorKind.QuotaExceeded)]         // over the quota with nothing open
    [InlineData(10, 10, long.MaxValue, ErrorKind.QuotaExceeded)]
    public void A_file_sent_whole_fits_beside_what_open_uploads_hold(long usedBytes, long openBytes, long size, ErrorKind? expected)
    {
        var error = OpenUploadDecisions.CheckUpload(new Usage(usedBytes, 0), new OpenUploads(1, openBytes), size, Quota);

        Assert.Equal(expected, error?.Kind);
    }

    [Fact]
    public void A_file_sent_whole_still_counts_against_the_file_quota()
    {
        var error = OpenUploadDecisions.CheckUpload(new Usage(0, Quota.MaxFiles), new OpenUploads(0, 0), 1, Quota);

        Assert.Equal(ErrorKind.QuotaExceeded, error?.Kind);
    }
}
