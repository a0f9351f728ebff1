namespace Catalog.Domain.Sync;

public sealed record BeginSyncRun(Guid RunId, SyncTrigger Trigger, Guid? RequestedBy, DateTimeOffset? ScheduledFor);

/// <summary>
/// What one batch of a run did; <paramref name="IsLast"/> when no file is left to try, or when the run stops early
/// for the reason in <paramref name="CutShortBecause"/>. The files tried are those synced, failed and
/// <paramref name="DeletedMeanwhile"/>.
/// </summary>
public sealed record CompleteSyncBatch(
    Guid RunId,
    int Batch,
    int Tried,
    int Synced,
    int Failed,
    long Bytes,
    Guid? LastFileId,
    bool IsLast,
    string? CutShortBecause = null,
    int DeletedMeanwhile = 0);
