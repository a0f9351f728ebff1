using Catalog.Domain.Sync;
using Marten.Events.Aggregation;

namespace Catalog.Projections.Aggregates;

/// <summary>Folds a sync run's stream into <see cref="SyncRun"/>; see <see cref="StoredFileAggregation"/> for why it is here.</summary>
public sealed class SyncRunAggregation : SingleStreamProjection<SyncRun, Guid>
{
    public static SyncRun Create(SyncRunStarted e) => SyncRun.Create(e);

    public static SyncRun Apply(SyncBatchCompleted e, SyncRun run) => run.Apply(e);

    public static SyncRun Apply(SyncRunFinished e, SyncRun run) => run.Apply(e);
}
