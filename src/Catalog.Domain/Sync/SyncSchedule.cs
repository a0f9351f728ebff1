namespace Catalog.Domain.Sync;

/// <summary>
/// The one stored schedule: the slot the pending scheduled message is for, and the setting it was computed from.
/// A message for any other slot is stale (the setting changed, or it was delivered twice) and does nothing.
/// </summary>
public sealed record SyncSchedule(string Id, DateTimeOffset NextRunAt, string LocalTime, string TimeZone)
{
    public const string Nightly = "nightly";
}
