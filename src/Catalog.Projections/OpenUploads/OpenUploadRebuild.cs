using Catalog.Domain.Files;
using Catalog.Projections.Rebuilds;
using Marten;

namespace Catalog.Projections.OpenUploads;

/// <summary>The open uploads built again from the uploads' events and put in place of the table in one transaction (ADR 0072).</summary>
public static class OpenUploadRebuild
{
    public const string Name = nameof(OpenUpload);

    private static readonly Type[] UploadEventTypes = [typeof(DirectUploadBegun), typeof(DirectUploadCompleted), typeof(DirectUploadExpired)];

    public static Task<long> RunAsync(IDocumentStore store, IProgress<long>? progress, CancellationToken ct) =>
        TableRebuild.RunAsync(store, Rows, progress, ct);

    // A completed or expired upload's stream folds to nothing (the projection deletes its row), so it yields no row.
    private static IAsyncEnumerable<OpenUpload> Rows(IQuerySession session, CancellationToken ct) =>
        TableRebuild.StreamAggregates<OpenUpload>(session, TableRebuild.EventsOf(session, UploadEventTypes), ct);
}
