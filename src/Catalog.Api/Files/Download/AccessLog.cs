using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Marten;

namespace Catalog.Api.Files.Download;

/// <summary>
/// Appends <see cref="FileAccessed"/> for a download that succeeds. Accesses never contradict each other, so downloads
/// of one file queue for it (a transaction-scoped advisory lock, as deletes and restores do) instead of racing. The sync
/// appends without queuing (a batch would hold a lock per file); a download that loses to it decides again on what it
/// wrote (ADR 0087). A delete that won makes this download NOT_FOUND; an eviction of the copy being served, <see cref="CopyGoneException"/>.
/// </summary>
public static class AccessLog
{
    public static Task RecordAsync(
        IDocumentStore store, Guid fileId, Guid callerId, AccessMethod method, StorageTier? servedFrom, ClientInfo client,
        TimeProvider time, CancellationToken ct, DateTimeOffset? urlExpiresAt = null)
    {
        var command = new AccessFile(fileId, callerId, method, client.Ip, client.UserAgent, servedFrom, urlExpiresAt);
        return QueuedFileWrites.RunAsync(store, fileId, (session, stream) =>
        {
            var file = stream.Aggregate.VisibleTo(callerId);
            var decision = FileDecisions.Access(file, command, time.GetUtcNow());
            if (decision.Error is { } error)
                throw servedFrom is { } tier && file is { IsDeleted: false } && !file.HoldsCopyIn(tier)
                    ? new CopyGoneException(fileId, tier)
                    : CatalogProblem.From(error);

            stream.AppendMany(decision.Events);
            session.LastModifiedBy = callerId.ToString();
            return Task.FromResult(true);
        }, ct);
    }
}
