using Catalog.Domain.Sync;
using JasperFx.Events.Projections;
using Marten;

namespace Catalog.Projections.SyncRuns;

internal static class SyncRunSchema
{
    public static void ConfigureSyncRuns(this StoreOptions options)
    {
        options.Projections.Add<SyncRunSummaryProjection>(ProjectionLifecycle.Inline);

        var runs = options.Schema.For<SyncRunSummary>();
        runs.Duplicate(x => x.Status, notNull: true);
        runs.Duplicate(x => x.StartedAt, notNull: true);

        options.Schema.For<SyncSchedule>();
    }
}
