using Catalog.Domain.Sync;

namespace Catalog.Domain.Tests;

public class SyncScheduleTests
{
    private static readonly DateTimeOffset Slot = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);
    private static readonly SyncSchedule Schedule = new(SyncSchedule.Nightly, Slot, "00:00", "UTC");

    private static DateTimeOffset Minutes(double after) => Slot.AddMinutes(after);

    [Theory]
    [InlineData(-60, false)]
    [InlineData(0, false)]
    [InlineData(4.99, false)]
    [InlineData(5, true)]
    [InlineData(3 * 24 * 60, true)]
    public void A_slot_never_sent_again_needs_sending_once_it_is_the_patience_past_due(double minutes, bool needed)
    {
        Assert.Equal(needed, Schedule.NeedsSendingAgain(null, Patience, Minutes(minutes)));
    }

    [Theory]
    [InlineData(9.99, false)]
    [InlineData(10, true)]
    public void A_slot_sent_again_is_sent_once_more_only_after_the_patience_again(double minutes, bool needed)
    {
        Assert.Equal(needed, Schedule.NeedsSendingAgain(Minutes(5), Patience, Minutes(minutes)));
    }
}
