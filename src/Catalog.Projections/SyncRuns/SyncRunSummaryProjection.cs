using Catalog.Domain.Sync;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Catalog.Projections.SyncRuns;

/// <summary>Builds <see cref="SyncRunSummary"/> inline from a run's stream; times from the events' metadata.</summary>
public sealed class SyncRunSummaryProjection : SingleStreamProjection<SyncRunSummary, Guid>
{
    public static SyncRunSummary Create(IEvent<SyncRunStarted> e) => new()
    {
        Id = e.Data.RunId,
        Trigger = e.Data.Trigger,
        RequestedBy = e.Data.RequestedBy,
        ScheduledFor = e.Data.ScheduledFor,
        Status = SyncRunStatus.Running,
        StartedAt = e.Timestamp,
        Version = e.Version,
    };

    public static SyncRunSummary Apply(IEvent<SyncBatchCompleted> e, SyncRunSummary current) => current with
    {
        Batches = current.Batches + 1,
        FilesTried = current.FilesTried + e.Data.Tried,
        FilesSynced = current.FilesSynced + e.Data.Synced,
        FilesFailed = current.FilesFailed + e.Data.Failed,
        FilesDeletedMeanwhile = current.FilesDeletedMeanwhile + e.Data.DeletedMeanwhile,
        Bytes = current.Bytes + e.Data.Bytes,
        Version = e.Version,
    };

    public static SyncRunSummary Apply(IEvent<SyncRunFinished> e, SyncRunSummary current) => current with
    {
        Status = SyncRunStatus.Finished,
        FinishedAt = e.Timestamp,
        CutShortBecause = e.Data.CutShortBecause,
        Version = e.Version,
    };
}
