using Catalog.Domain.Sync;

namespace Catalog.Projections.SyncRuns;

public enum SyncRunStatus
{
    Running,
    Finished,
}

/// <summary>One sync run as admins read it: what started it, how far it got, what it moved.</summary>
public sealed record SyncRunSummary
{
    public required Guid Id { get; init; }
    public required SyncTrigger Trigger { get; init; }
    public Guid? RequestedBy { get; init; }
    public DateTimeOffset? ScheduledFor { get; init; }
    public required SyncRunStatus Status { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int Batches { get; init; }
    public int FilesTried { get; init; }
    public int FilesSynced { get; init; }
    public int FilesFailed { get; init; }
    /// <summary>Files tried whose owner deleted them while they were copied; their cloud copies were removed again.</summary>
    public int FilesDeletedMeanwhile { get; init; }
    public long Bytes { get; init; }
    /// <summary>Why the run stopped before trying every file; null when it tried them all.</summary>
    public string? CutShortBecause { get; init; }
    public long Version { get; init; }

    public double? DurationSeconds => FinishedAt is { } finished ? (finished - StartedAt).TotalSeconds : null;
}
