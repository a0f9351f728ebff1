namespace Catalog.Sync.Transfer;

public enum FileOutcomeKind
{
    /// <summary>Copied, verified and recorded with FileSyncedToCloud.</summary>
    Synced,
    /// <summary>The run gave up on it (FileSyncFailed); the next run tries again.</summary>
    Failed,
    /// <summary>Copied, but deleted meanwhile: the delete won and the cloud copy was removed.</summary>
    DeletedDuringTransfer,
    /// <summary>Synced in an earlier run; only its local copy was evicted now.</summary>
    Evicted,
    /// <summary>Nothing to do any more (deleted, or synced by someone else, before the transfer began).</summary>
    Skipped,
}

/// <param name="Outage">A failure that was still one of the storage tiers not answering after every attempt.</param>
public sealed record FileOutcome(FileOutcomeKind Kind, long Bytes = 0, bool Outage = false)
{
    /// <summary>Counted among a run's files tried: each such kind has its own count beside it (ADR 0030).</summary>
    public bool WasTried => Kind is FileOutcomeKind.Synced or FileOutcomeKind.Failed or FileOutcomeKind.DeletedDuringTransfer;
}
