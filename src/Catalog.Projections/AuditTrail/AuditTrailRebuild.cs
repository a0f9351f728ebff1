using System.Runtime.CompilerServices;
using Catalog.Projections.Rebuilds;
using Marten;

namespace Catalog.Projections.AuditTrail;

/// <summary>
/// Rebuilds every <see cref="AuditEntry"/> from the file events in one transaction, each made by the same
/// <see cref="AuditEntries.From"/> the inline projection calls (ADR 0072).
/// </summary>
public static class AuditTrailRebuild
{
    public static Task<long> RunAsync(IDocumentStore store, IProgress<long>? progress, CancellationToken ct) =>
        TableRebuild.RunAsync(store, Rows, progress, ct);

    private static async IAsyncEnumerable<AuditEntry> Rows(IQuerySession session, [EnumeratorCancellation] CancellationToken ct)
    {
        var events = TableRebuild.FileEvents(session).OrderBy(e => e.Sequence)
            .ToAsyncEnumerable(ct);
        await foreach (var e in events)
        {
            if (AuditEntries.From(e) is { } entry)
                yield return entry;
        }
    }
}
