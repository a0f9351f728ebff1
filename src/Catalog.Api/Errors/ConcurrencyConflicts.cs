using Catalog.Sync.Locking;

namespace Catalog.Api.Errors;

/// <summary>Marten's optimistic concurrency check failing means another request changed the stream first.</summary>
public static class ConcurrencyConflicts
{
    public static bool IsConflict(Exception e) => StreamRaces.Lost(e);

    public static CatalogProblem Conflict(Guid fileId) =>
        new(ErrorCode.Conflict, $"File {fileId} was changed by another request at the same time; reload it and try again.");
}
