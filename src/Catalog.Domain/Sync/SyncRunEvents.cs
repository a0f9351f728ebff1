namespace Catalog.Domain.Sync;

// One stream per sync run, keyed by the run's id. The files' own streams say what happened to each file
// (FileSyncedToCloud and FileSyncFailed carry the run id); these events say what the run did as a whole.

public enum SyncTrigger
{
    /// <summary>The nightly schedule.</summary>
    Schedule,
    /// <summary>An admin asked for a run now.</summary>
    Admin,
}

public sealed record SyncRunStarted(
    Guid RunId,
    SyncTrigger Trigger,
    Guid? RequestedBy,
    DateTimeOffset? ScheduledFor,
    DateTimeOffset StartedAt);

/// <summary>
/// One batch is done. <paramref name="LastFileId"/> is where the next batch continues: files are taken in id
/// order, and ids are time-ordered (Guid v7). Every file tried was synced, failed, or deleted by its owner while it
/// was copied (<paramref name="DeletedMeanwhile"/>; its cloud copy removed again). Events recorded before that count
/// existed read it as 0.
/// </summary>
public sealed record SyncBatchCompleted(
    Guid RunId,
    int Batch,
    int Tried,
    int Synced,
    int Failed,
    long Bytes,
    Guid? LastFileId,
    DateTimeOffset CompletedAt,
    int DeletedMeanwhile = 0);

/// <summary>
/// The run is over. <paramref name="CutShortBecause"/> says why it stopped before trying every file (a storage tier
/// that did not answer); the files it did not reach wait for the next run. Null for a run that tried them all.
/// </summary>
public sealed record SyncRunFinished(Guid RunId, DateTimeOffset FinishedAt, string? CutShortBecause = null);
