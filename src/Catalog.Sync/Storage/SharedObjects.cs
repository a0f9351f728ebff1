using Catalog.Domain.Files;
using Catalog.Sync.Locking;
using JasperFx.Events;
using Marten;

namespace Catalog.Sync.Storage;

/// <summary>
/// The one place that counts references to an owner's local objects (ADR 0018): every writer that points a file at an
/// object, or lets go of one, goes through here, under the content stream's lock.
/// </summary>
public static class SharedObjects
{
    /// <summary>Waits for the lock on the owner's content with these bytes (held to the commit) and reads it.</summary>
    public static Task<IEventStream<SharedContent>> LockAsync(IDocumentSession session, Guid ownerId, string sha256, CancellationToken ct) =>
        StreamLocks.FetchLockedAsync<SharedContent>(session, ContentIds.For(ownerId, sha256), ct);

    /// <summary>The object the owner already keeps with these bytes, read without a lock: a hint that may save an upload.</summary>
    public static async Task<StorageLocation?> PeekAsync(IDocumentSession session, Guid ownerId, string sha256, CancellationToken ct) =>
        (await session.Events.FetchLatest<SharedContent>(ContentIds.For(ownerId, sha256), ct))?.Location;

    /// <summary>
    /// Under the lock: points the new file at the existing object when it is still there with its
    /// <paramref name="size"/> bytes (a copy damaged behind the catalog's back is not shared further), else at
    /// <paramref name="ownObject"/>. Returns the location the file points at; the session's commit records it.
    /// </summary>
    public static async Task<StorageLocation> ReferenceAsync(
        IEventStream<SharedContent> content, LocalTier local, Guid ownerId, string sha256, long size, Guid fileId,
        StorageLocation ownObject, CancellationToken ct)
    {
        var existing = content.Aggregate?.Location;
        var existingIsThere = existing is not null && existing != ownObject && await local.SizeOfAsync(existing, ct) == size;
        var decision = SharedContentDecisions.Reference(content.Aggregate, ownerId, sha256, fileId, ownObject, existingIsThere);
        content.AppendMany(decision.Events);
        return decision.Events.OfType<ContentReferenced>().Single().Location;
    }

    /// <summary>
    /// Under the lock: the file lets go of its local copy; true when no other file points at it, so the caller removes
    /// the object (before the commit when a failed removal must be retried, after it otherwise).
    /// </summary>
    public static bool Release(IEventStream<SharedContent> content, Guid fileId, StorageLocation location)
    {
        var release = SharedContentDecisions.Release(content.Aggregate, fileId, location);
        content.AppendMany(release.Decision.Events);
        return release.RemoveObject;
    }
}
