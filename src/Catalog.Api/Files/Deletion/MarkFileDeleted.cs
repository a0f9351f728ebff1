using Catalog.Api.Errors;
using Catalog.Api.Files.Listing;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
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
        // Marten refuses the empty id as a stream id outright; no file has it, nor any listing row.
        await OwnedFile.ThrowUnlessOwnedAsync(store, fileId, callerId, ct);
        var command = new DeleteFile(fileId, callerId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        // Queued behind the file's other writers, so a repeat finds the change made and changes nothing, and a delete
        // is never starved by downloads.
        return await QueuedFileWrites.RunAsync(store, fileId, async (session, stream) =>
        {
            var decision = FileDecisions.Delete(stream.Aggregate.VisibleTo(callerId), command, time.GetUtcNow());
            if (decision.Error is { } error)
                throw CatalogProblem.From(error);
            if (decision.Events.OfType<FileDeleted>().SingleOrDefault() is not { } deleted)
                return false;

            stream.AppendOne(deleted);
            // An outbox on the write's own session, so the message commits with the event or not at all.
            await new MartenOutbox(runtime, session)
                .ScheduleAsync(new PurgeFile(fileId, deleted.DeletedAt), deleted.DeletedAt + options.Value.RetentionPeriod);
            session.LastModifiedBy = callerId.ToString();
            return true;
        }, session => ProjectedListing.LoadAsync(session, fileId, ct), ct);
    }
}
