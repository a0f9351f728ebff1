using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Locking;
using Catalog.Sync.Purge;
using Marten;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Files.Deletion;

/// <summary>
/// Brings a deleted file back within its retention window. The purge scheduled at delete time stays scheduled:
/// when it fires it finds the file restored and does nothing.
/// </summary>
public static class RestoreDeletedFile
{
    public static async Task<FileListing> Handle(
        Guid callerId, Guid fileId, IDocumentStore store, IOptions<DeletionOptions> options, TimeProvider time,
        CancellationToken ct)
    {
        // Marten refuses the empty id as a stream id outright; no file has it.
        if (fileId == Guid.Empty)
            throw CatalogProblem.From(FileDecisions.FileNotFound(fileId));
        for (var attempt = 1; ; attempt++)
        {
            // A session of its own, not the request's: the file's lock is held by its transaction, which ends with
            // this attempt whether or not anything is saved (ADR 0094). Queued behind the file's other writers, so a
            // repeat finds the change made and changes nothing.
            await using var session = store.LightweightSession();
            await StreamLocks.SerializeAsync(session, fileId, ct);
            var stream = await session.Events.FetchForWriting<StoredFile>(fileId, ct);
            var decision = FileDecisions.Restore(
                stream.Aggregate.VisibleTo(callerId), new RestoreFile(fileId, callerId), options.Value.RetentionPeriod,
                time.GetUtcNow());
            if (decision.Error is { } error)
                throw CatalogProblem.From(error);

            if (decision.Events.Count > 0)
            {
                stream.AppendMany(decision.Events);
                session.LastModifiedBy = callerId.ToString();
                if (!await ConcurrencyConflicts.SavedAsync(session, fileId, attempt, ct))
                    continue; // a writer that does not queue (the sync, the purge) came first: decide again
            }

            return await session.LoadAsync<FileListing>(fileId, ct)
                   ?? throw new InvalidOperationException($"The listing of file {fileId} was not projected.");
        }
    }
}
