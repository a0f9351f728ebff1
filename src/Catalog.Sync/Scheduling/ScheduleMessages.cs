namespace Catalog.Sync.Scheduling;

/// <summary>Make sure the next nightly run is scheduled (sent at start-up and whenever a run ends).</summary>
public sealed record EnsureSyncScheduled;

/// <summary>The durable scheduled message of one nightly slot; any slot but the stored schedule's is stale.</summary>
public sealed record StartScheduledSyncRun(DateTimeOffset SlotAt);
