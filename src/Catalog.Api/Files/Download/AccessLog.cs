using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Sync.Locking;
using Marten;

namespace Catalog.Api.Files.Download;

/// <summary>
/// Appends <see cref="FileAccessed"/> for a download that succeeds. Accesses never contradict each other, so downloads
/// of one file queue for it (a transaction-scoped advisory lock) instead of racing and failing for each other's sake.
/// A delete does not queue: when it wins, this download answers NOT_FOUND, or CONFLICT if it changed the file meanwhile.
/// </summary>
public static class AccessLog
{
    public static async Task RecordAsync(
        IDocumentStore store, Guid fileId, Guid callerId, AccessMethod method, StorageTier? servedFrom, ClientInfo client,
        TimeProvider time, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        await StreamLocks.SerializeAsync(session, fileId, ct);
        var stream = await session.Events.FetchForWriting<StoredFile>(fileId, ct);
        var command = new AccessFile(fileId, callerId, method, client.Ip, client.UserAgent, servedFrom);
        var decision = FileDecisions.Access(stream.Aggregate.VisibleTo(callerId), command, time.GetUtcNow());
        if (decision.Error is { } error)
            throw CatalogProblem.From(error);

        stream.AppendMany(decision.Events);
        session.LastModifiedBy = callerId.ToString();
        await session.SaveOrConflictAsync(fileId, ct);
    }
}
