using Catalog.Domain.Sync;
using Catalog.Projections.Rebuilds;
using Marten;

namespace Catalog.Projections.SyncRuns;

/// <summary>
/// Rebuilds every <see cref="SyncRunSummary"/> from the runs' streams in one transaction, as the listing is rebuilt
/// (ADR 0072): a second rebuild at the same time waits for the first, and readers see the old rows or the new ones.
/// </summary>
public static class SyncRunSummaryRebuild
{
    private static readonly Type[] RunEventTypes = [typeof(SyncRunStarted), typeof(SyncBatchCompleted), typeof(SyncRunFinished)];

    public static Task<long> RunAsync(IDocumentStore store, IProgress<long>? progress, CancellationToken ct) =>
        TableRebuild.RunAsync(store, Rows, progress, ct);

    private static IAsyncEnumerable<SyncRunSummary> Rows(IQuerySession session, CancellationToken ct) =>
        TableRebuild.StreamAggregates<SyncRunSummary>(session, TableRebuild.EventsOf(session, RunEventTypes), ct);
}
