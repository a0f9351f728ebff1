using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Locking;
using Catalog.Sync.Purge;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Catalog.Api.Files.Deletion;

/// <summary>
/// Deletes a file softly and schedules its purge for when the retention window closes: the durable message is
/// stored in the transaction that appends <see cref="FileDeleted"/>, so there is never one without the other.
/// </summary>
public static class MarkFileDeleted
{
    public static async Task<FileListing> Handle(
        Guid callerId, Guid fileId, string? reason, IDocumentStore store, IWolverineRuntime runtime,
        IOptions<DeletionOptions> options, TimeProvider time, CancellationToken ct)
    {
        // Marten refuses the empty id as a stream id outright; no file has it.
        if (fileId == Guid.Empty)
            throw CatalogProblem.From(FileDecisions.FileNotFound(fileId));
        var command = new DeleteFile(fileId, callerId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        for (var attempt = 1; ; attempt++)
        {
            // A session of its own, not the request's: the file's lock is held by its transaction, which ends with
            // this attempt whether or not anything is saved (ADR 0094).
            await using var session = store.LightweightSession();
            var outbox = new MartenOutbox(runtime, session);
            // Queued behind the file's other writers (downloads, deletes, restores), so a repeat finds the change made
            // and changes nothing, and a delete is never starved by downloads.
            await StreamLocks.SerializeAsync(session, fileId, ct);
            var stream = await session.Events.FetchForWriting<StoredFile>(fileId, ct);
            var decision = FileDecisions.Delete(stream.Aggregate.VisibleTo(callerId), command, time.GetUtcNow());
            if (decision.Error is { } error)
                throw CatalogProblem.From(error);

            if (decision.Events.OfType<FileDeleted>().SingleOrDefault() is { } deleted)
            {
                stream.AppendOne(deleted);
                // The outbox shares this session, so the message commits with the event or not at all.
                await outbox.ScheduleAsync(new PurgeFile(fileId, deleted.DeletedAt), deleted.DeletedAt + options.Value.RetentionPeriod);
                session.LastModifiedBy = callerId.ToString();
                if (!await ConcurrencyConflicts.SavedAsync(session, fileId, attempt, ct))
                    continue; // a writer that does not queue (the sync, the purge) came first: decide again
            }

            return await session.LoadAsync<FileListing>(fileId, ct)
                   ?? throw new InvalidOperationException($"The listing of file {fileId} was not projected.");
        }
    }
}
