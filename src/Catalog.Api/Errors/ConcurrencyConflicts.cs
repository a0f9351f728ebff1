using Catalog.Sync.Locking;
using Marten;

namespace Catalog.Api.Errors;

/// <summary>Marten's optimistic concurrency check failing means another request changed the stream first.</summary>
public static class ConcurrencyConflicts
{
    public static bool IsConflict(Exception e) => StreamRaces.Lost(e);

    public static async Task SaveOrConflictAsync(this IDocumentSession session, Guid fileId, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (IsConflict(e))
        {
            throw Conflict(fileId);
        }
    }

    /// <summary>Attempts a file's writers that queue for it make before a race lost to writers that do not is CONFLICT.</summary>
    public const int MaxAttempts = 5;

    /// <summary>
    /// Saves attempt <paramref name="attempt"/> of a write that queued for the file. False when a writer that does not
    /// queue (the sync, the purge) moved the stream first, so the caller decides again on a fresh read; after
    /// <see cref="MaxAttempts"/> such losses, CONFLICT.
    /// </summary>
    public static async Task<bool> SavedAsync(IDocumentSession session, Guid fileId, int attempt, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (IsConflict(e))
        {
            return attempt < MaxAttempts ? false : throw Conflict(fileId);
        }
    }

    public static CatalogProblem Conflict(Guid fileId) =>
        new(ErrorCode.Conflict, $"File {fileId} was changed by another request at the same time; reload it and try again.");
}
