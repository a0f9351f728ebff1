namespace Catalog.Domain.Sync;

/// <summary>
/// The one stored schedule: the slot the pending scheduled message is for, and the setting it was computed from.
/// A message for any other slot is stale (the setting changed, or it was delivered twice) and does nothing.
/// </summary>
public sealed record SyncSchedule(string Id, DateTimeOffset NextRunAt, string LocalTime, string TimeZone)
{
    public const string Nightly = "nightly";

    /// <summary>
    /// True when this slot is <paramref name="patience"/> past due and was not sent again within the last
    /// <paramref name="patience"/> (<paramref name="sentAgainAt"/>): its message was lost (ADR 0032). A slot that
    /// started has moved on to the next one, so a late slot is one nobody started.
    /// </summary>
    public bool NeedsSendingAgain(DateTimeOffset? sentAgainAt, TimeSpan patience, DateTimeOffset now) =>
        now - NextRunAt >= patience && (sentAgainAt is not { } at || now - at >= patience);
}
