namespace Catalog.Domain.Sync;

/// <summary>When the nightly run is due: a wall-clock time in a time zone, daylight-saving days included.</summary>
public static class SyncClock
{
    /// <summary>
    /// The first instant after <paramref name="now"/> at which the clocks in <paramref name="zone"/> show
    /// <paramref name="localTime"/>. A time skipped by a daylight-saving gap runs when the gap ends (02:30 in
    /// Berlin on the spring day runs at 03:00); a time that happens twice runs at its first occurrence only.
    /// </summary>
    public static DateTimeOffset NextRunAt(DateTimeOffset now, TimeOnly localTime, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        // Yesterday too: a time pushed past midnight by a gap belongs to the previous date.
        for (var day = today.AddDays(-1); ; day = day.AddDays(1))
        {
            var candidate = Resolve(day.ToDateTime(localTime, DateTimeKind.Unspecified), zone);
            if (candidate > now)
                return candidate;
        }
    }

    private static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(local))
        {
            // Zones shift on whole minutes, so the first valid minute is where the gap ends.
            local = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
            while (zone.IsInvalidTime(local))
                local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
