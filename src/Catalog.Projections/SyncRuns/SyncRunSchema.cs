using Catalog.Domain.Sync;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace Catalog.Projections.SyncRuns;

internal static class SyncRunSchema
{
    public static void ConfigureSyncRuns(this StoreOptions options)
    {
        options.Projections.Add<SyncRunSummaryProjection>(ProjectionLifecycle.Inline);

        var runs = options.Schema.For<SyncRunSummary>();
        runs.Duplicate(x => x.Status, notNull: true);
        // syncRuns pages newest first by (started_at, id) (ADR 0014): one index in that order instead of the one on
        // started_at alone that Duplicate would add.
        options.ForDocument<SyncRunSummary>(mapping =>
        {
            mapping.DuplicateField(nameof(SyncRunSummary.StartedAt), notNull: true);
            mapping.Indexes.Add(new IndexDefinition("mt_doc_syncrunsummary_idx_started_at_id") { Columns = ["started_at", "id"] });
        });

        options.Schema.For<SyncSchedule>();
    }
}
