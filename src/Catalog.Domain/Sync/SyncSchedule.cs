namespace Catalog.Domain.Sync;

/// <summary>
/// The one stored schedule: the slot the pending scheduled message is for. A message for any other slot is stale
/// (configuration changed, or it was delivered twice) and does nothing.
/// </summary>
public sealed record SyncSchedule(string Id, DateTimeOffset NextRunAt)
{
    public const string Nightly = "nightly";
}
