using Catalog.Projections.Rebuilds;
using Marten;

namespace Catalog.Projections.FileListing;

/// <summary>
/// Rebuilds every <see cref="FileListing"/> row from the file streams in one transaction, each stream folded by the
/// registered <see cref="FileListingProjection"/> itself, so the rows are those the inline projection writes (ADR 0072).
/// </summary>
public static class FileListingRebuild
{
    public static Task<long> RunAsync(IDocumentStore store, IProgress<long>? progress, CancellationToken ct) =>
        TableRebuild.RunAsync(store, Rows, progress, ct);

    private static IAsyncEnumerable<FileListing> Rows(IQuerySession session, CancellationToken ct) =>
        TableRebuild.StreamAggregates<FileListing>(session, TableRebuild.FileEvents(session), ct);
}
