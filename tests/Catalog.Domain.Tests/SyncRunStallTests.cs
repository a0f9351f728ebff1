using Catalog.Domain.Sync;

namespace Catalog.Domain.Tests;

public class SyncRunStallTests
{
    private static readonly DateTimeOffset LastProgress = new(2026, 11, 29, 0, 10, 0, TimeSpan.Zero);
    private static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(5);

    private static DateTimeOffset Minutes(double after) => LastProgress.AddMinutes(after);

    [Theory]
    [InlineData(4.99, false)]
    [InlineData(5, true)]
    [InlineData(60, true)]
    public void A_batch_never_sent_again_is_due_once_nothing_was_recorded_for_the_stall_time(double minutes, bool due)
    {
        Assert.Equal(due, SyncRunStall.IsDue(2, LastProgress, null, StallAfter, Minutes(minutes)));
    }

    [Theory]
    [InlineData(1, 9.99, false)] // sent again at 5: next after 10 more minutes
    [InlineData(1, 10, true)]
    [InlineData(2, 19.99, false)]
    [InlineData(2, 20, true)]
    [InlineData(4, 80, true)]
    [InlineData(9, 79.99, false)] // the wait stops doubling at 16 × the stall time
    [InlineData(9, 80, true)]
    public void Each_resend_of_a_batch_that_stays_stuck_doubles_the_wait_up_to_a_limit(int count, double minutesAfterLast, bool due)
    {
        var earlier = new StalledBatchResends(2, count, Minutes(5));

        Assert.Equal(due, SyncRunStall.IsDue(2, LastProgress, earlier, StallAfter, Minutes(5 + minutesAfterLast)));
    }

    [Fact]
    public void Resends_of_an_earlier_batch_do_not_delay_the_next_batch()
    {
        var earlier = new StalledBatchResends(1, 4, Minutes(-1));

        Assert.True(SyncRunStall.IsDue(2, LastProgress, earlier, StallAfter, Minutes(5)));
        Assert.Equal(new StalledBatchResends(2, 1, Minutes(5)), SyncRunStall.Resent(2, LastProgress, earlier, Minutes(5)));
    }

    [Fact]
    public void Progress_after_a_resend_starts_the_count_again()
    {
        // The batch moved (a file record, say) after it was last sent again: the stall is a new one.
        var earlier = new StalledBatchResends(2, 3, Minutes(-2));

        Assert.True(SyncRunStall.IsDue(2, LastProgress, earlier, StallAfter, Minutes(5)));
        Assert.Equal(new StalledBatchResends(2, 1, Minutes(5)), SyncRunStall.Resent(2, LastProgress, earlier, Minutes(5)));
    }

    [Fact]
    public void A_resend_of_the_same_batch_counts_on()
    {
        var earlier = new StalledBatchResends(2, 1, Minutes(5));

        Assert.Equal(new StalledBatchResends(2, 2, Minutes(15)), SyncRunStall.Resent(2, LastProgress, earlier, Minutes(15)));
    }
}
