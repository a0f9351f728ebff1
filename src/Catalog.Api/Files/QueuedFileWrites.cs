using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Sync.Locking;
using JasperFx.Events;
using Marten;

namespace Catalog.Api.Files;

/// <summary>
/// How the API's writers of a file (downloads, deletes, restores) write to its stream (ADRs 0087, 0094): on a session of
/// their own, holding the file's advisory lock, so they queue for each other; a writer that does not queue (the sync,
/// the purge) landing first makes them decide again on a fresh read, up to <see cref="MaxAttempts"/> times, then CONFLICT.
/// </summary>
public static class QueuedFileWrites
{
    public const int MaxAttempts = 5;

    /// <param name="decide">Decides on the stream read under the lock and appends to it; false when nothing was appended. Refusals are thrown.</param>
    /// <param name="answer">Read on the same session once the write is saved, or when there was nothing to write.</param>
    public static async Task<T> RunAsync<T>(
        IDocumentStore store, Guid fileId, Func<IDocumentSession, IEventStream<StoredFile>, Task<bool>> decide,
        Func<IDocumentSession, Task<T>> answer, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The lock ends with this session's transaction, whether or not anything is saved.
            await using var session = store.LightweightSession();
            var stream = await StreamLocks.FetchLockedAsync<StoredFile>(session, fileId, ct);
            if (await decide(session, stream) && !await SavedAsync(session, fileId, attempt, ct))
                continue;
            return await answer(session);
        }
    }

    public static Task RunAsync(
        IDocumentStore store, Guid fileId, Func<IDocumentSession, IEventStream<StoredFile>, Task<bool>> decide, CancellationToken ct) =>
        RunAsync(store, fileId, decide, _ => Task.FromResult(true), ct);

    private static async Task<bool> SavedAsync(IDocumentSession session, Guid fileId, int attempt, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (ConcurrencyConflicts.IsConflict(e))
        {
            return attempt < MaxAttempts ? false : throw ConcurrencyConflicts.Conflict(fileId);
        }
    }
}
