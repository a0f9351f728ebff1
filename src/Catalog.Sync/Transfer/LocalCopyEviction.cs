using Catalog.Domain.Files;
using Catalog.Sync.Locking;
using Catalog.Sync.Storage;
using Marten;

namespace Catalog.Sync.Transfer;

/// <summary>
/// Records that a synced file's local copy is evicted and lets go of it in the shared content (ADR 0018), in one
/// commit under the content's lock, deciding again when the file's stream moved meanwhile.
/// </summary>
internal static class LocalCopyEviction
{
    private const int MaxAttempts = 5;

    /// <summary>The eviction recorded, and whether its object is nobody else's now; null when there was nothing to evict.</summary>
    public static async Task<(LocalCopyEvicted Evicted, bool RemoveObject)?> RecordAsync(
        IDocumentStore store, EvictLocalCopy command, TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            if (await session.Events.FetchLatest<StoredFile>(command.FileId, ct) is not { } known)
                return null;
            var content = await SharedObjects.LockAsync(session, known.OwnerId, known.Sha256, ct);
            var stream = await session.Events.FetchForWriting<StoredFile>(command.FileId, ct);
            var decision = FileDecisions.EvictLocalCopy(stream.Aggregate, command, time.GetUtcNow());
            if (decision.Events.OfType<LocalCopyEvicted>().SingleOrDefault() is not { } evicted)
                return null;

            var removeObject = SharedObjects.Release(content, command.FileId, evicted.Location);
            stream.AppendMany(decision.Events);
            try
            {
                await session.SaveChangesAsync(ct);
                return (evicted, removeObject);
            }
            catch (Exception e) when (attempt < MaxAttempts && StreamRaces.Lost(e))
            {
                // Another writer appended to the file first: decide again on what it wrote.
            }
        }
    }
}
