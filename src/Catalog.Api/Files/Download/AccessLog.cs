using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Sync.Locking;
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
    public static async Task RecordAsync(
        IDocumentStore store, Guid fileId, Guid callerId, AccessMethod method, StorageTier? servedFrom, ClientInfo client,
        TimeProvider time, CancellationToken ct, DateTimeOffset? urlExpiresAt = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            await StreamLocks.SerializeAsync(session, fileId, ct);
            var stream = await session.Events.FetchForWriting<StoredFile>(fileId, ct);
            var file = stream.Aggregate.VisibleTo(callerId);
            var command = new AccessFile(fileId, callerId, method, client.Ip, client.UserAgent, servedFrom, urlExpiresAt);
            var decision = FileDecisions.Access(file, command, time.GetUtcNow());
            if (decision.Error is { } error)
                throw servedFrom is { } tier && file is { IsDeleted: false } && !file.HoldsCopyIn(tier)
                    ? new CopyGoneException(fileId, tier)
                    : CatalogProblem.From(error);

            stream.AppendMany(decision.Events);
            session.LastModifiedBy = callerId.ToString();
            if (await ConcurrencyConflicts.SavedAsync(session, fileId, attempt, ct))
                return;
        }
    }
}

/// <summary>
/// The copy a download chose, from a listing read a moment before, was evicted meanwhile; nothing was sent yet, so
/// the download starts over from the listing as it is now.
/// </summary>
public sealed class CopyGoneException(Guid fileId, StorageTier tier)
    : Exception($"The {tier} copy of file {fileId} was evicted while it was being read.")
{
    /// <summary>What the client hears when the copies kept moving under every attempt.</summary>
    public CatalogProblem AsConflict() => new(ErrorCode.Conflict, $"{Message} Try again.");
}
