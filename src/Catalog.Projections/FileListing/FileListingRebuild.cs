using System.Runtime.CompilerServices;
using Catalog.Projections.Rebuilds;
using JasperFx.Events;
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

    private static async IAsyncEnumerable<FileListing> Rows(IQuerySession session, [EnumeratorCancellation] CancellationToken ct)
    {
        var aggregator = ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<FileListing>();
        var events = TableRebuild.FileEvents(session).OrderBy(e => e.StreamId).ThenBy(e => e.Version)
            .ToAsyncEnumerable(ct);

        var stream = new List<IEvent>();
        await foreach (var e in events)
        {
            if (stream.Count > 0 && stream[0].StreamId != e.StreamId)
            {
                if (await aggregator.BuildAsync(stream, session, default, ct) is { } listing)
                    yield return listing;
                stream.Clear();
            }
            stream.Add(e);
        }
        if (stream.Count > 0 && await aggregator.BuildAsync(stream, session, default, ct) is { } last)
            yield return last;
    }
}
