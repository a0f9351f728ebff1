using Catalog.Domain.Sync;

namespace Catalog.Domain.Tests;

/// <summary>Real IANA zones on their daylight-saving days (tzdata of the machine).</summary>
public class SyncClockTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso + "Z", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Next(string nowUtc, string localTime, TimeZoneInfo zone) =>
        SyncClock.NextRunAt(Utc(nowUtc), TimeOnly.Parse(localTime, System.Globalization.CultureInfo.InvariantCulture), zone);

    [Theory]
    [InlineData("2025-03-15T12:00:00", "2025-03-16T00:00:00")]
    [InlineData("2025-03-15T23:59:59", "2025-03-16T00:00:00")]
    [InlineData("2025-03-16T00:00:00", "2025-03-17T00:00:00")] // strictly after now: the run at now is this one
    [InlineData("2025-12-31T23:00:00", "2026-01-01T00:00:00")]
    public void Midnight_utc_is_the_next_midnight(string now, string expected)
    {
        Assert.Equal(Utc(expected), Next(now, "00:00", TimeZoneInfo.Utc));
    }

    [Fact]
    public void Midnight_in_Berlin_in_winter_is_an_hour_before_midnight_utc()
    {
        Assert.Equal(Utc("2025-01-15T23:00:00"), Next("2025-01-15T12:00:00", "00:00", Berlin));
    }

    [Fact]
    public void Midnight_in_Berlin_in_summer_is_two_hours_before_midnight_utc()
    {
        Assert.Equal(Utc("2025-07-15T22:00:00"), Next("2025-07-15T12:00:00", "00:00", Berlin));
    }

    [Fact]
    public void Midnight_before_the_spring_change_in_Berlin_still_has_the_winter_offset()
    {
        // 2025-03-30: clocks go from 02:00 CET to 03:00 CEST.
        Assert.Equal(Utc("2025-03-29T23:00:00"), Next("2025-03-29T12:00:00", "00:00", Berlin));
        Assert.Equal(Utc("2025-03-30T22:00:00"), Next("2025-03-29T23:00:00", "00:00", Berlin));
    }

    [Fact]
    public void A_time_before_the_spring_gap_uses_the_winter_offset()
    {
        Assert.Equal(Utc("2025-03-30T00:30:00"), Next("2025-03-29T12:00:00", "01:30", Berlin));
    }

    [Fact]
    public void A_time_skipped_by_the_spring_gap_runs_when_the_gap_ends()
    {
        var run = Next("2025-03-29T12:00:00", "02:30", Berlin);

        Assert.Equal(Utc("2025-03-30T01:00:00"), run);
        Assert.Equal(new DateTime(2025, 3, 30, 3, 0, 0), TimeZoneInfo.ConvertTime(run, Berlin).DateTime);
    }

    [Fact]
    public void After_the_gap_the_next_run_is_the_next_day_at_the_configured_time()
    {
        Assert.Equal(Utc("2025-03-31T00:30:00"), Next("2025-03-30T01:00:00", "02:30", Berlin));
    }

    [Fact]
    public void A_time_that_happens_twice_in_autumn_runs_at_its_first_occurrence()
    {
        // 2025-10-26: clocks go from 03:00 CEST back to 02:00 CET, so 02:30 happens at 00:30Z and at 01:30Z.
        Assert.Equal(Utc("2025-10-26T00:30:00"), Next("2025-10-25T12:00:00", "02:30", Berlin));
    }

    [Fact]
    public void A_time_that_happens_twice_runs_only_once()
    {
        Assert.Equal(Utc("2025-10-27T01:30:00"), Next("2025-10-26T00:30:00", "02:30", Berlin));
        Assert.Equal(Utc("2025-10-27T01:30:00"), Next("2025-10-26T01:00:00", "02:30", Berlin));
    }

    [Fact]
    public void Midnight_after_the_autumn_change_uses_the_winter_offset()
    {
        Assert.Equal(Utc("2025-10-26T23:00:00"), Next("2025-10-26T12:00:00", "00:00", Berlin));
    }

    [Fact]
    public void New_York_skips_two_oclock_in_march_and_runs_at_three()
    {
        // 2025-03-09: 02:00 EST becomes 03:00 EDT (07:00Z).
        Assert.Equal(Utc("2025-03-09T07:00:00"), Next("2025-03-08T12:00:00", "02:00", NewYork));
    }

    [Fact]
    public void New_York_runs_one_oclock_once_in_november()
    {
        // 2025-11-02: 01:00-02:00 happens twice (EDT 05:00Z-06:00Z, then EST 06:00Z-07:00Z).
        Assert.Equal(Utc("2025-11-02T05:00:00"), Next("2025-11-01T12:00:00", "01:00", NewYork));
        Assert.Equal(Utc("2025-11-03T06:00:00"), Next("2025-11-02T05:00:00", "01:00", NewYork));
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Lord_Howe")] // shifts by 30 minutes
    [InlineData("Asia/Kolkata")]
    public void Over_a_year_there_is_exactly_one_run_per_local_day(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var runs = new List<DateTimeOffset>();
        var now = Utc("2024-12-31T12:00:00");

        for (var i = 0; i < 365; i++)
            runs.Add(now = SyncClock.NextRunAt(now, new TimeOnly(2, 15), zone));

        var days = runs.Select(run => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(run, zone).DateTime)).ToList();
        var everyDay = Enumerable.Range(0, 365).Select(offset => new DateOnly(2025, 1, 1).AddDays(offset));
        Assert.Equal(everyDay, days);
    }
}
