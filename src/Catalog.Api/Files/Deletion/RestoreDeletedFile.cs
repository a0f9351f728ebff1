using Catalog.Api.Errors;
using Catalog.Api.Files.Listing;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
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
        // Marten refuses the empty id as a stream id outright; no file has it, nor any listing row.
        await OwnedFile.ThrowUnlessOwnedAsync(store, fileId, callerId, ct);
        // Queued behind the file's other writers, so a repeat finds the change made and changes nothing.
        return await QueuedFileWrites.RunAsync(store, fileId, (session, stream) =>
        {
            var decision = FileDecisions.Restore(
                stream.Aggregate.VisibleTo(callerId), new RestoreFile(fileId, callerId), options.Value.RetentionPeriod,
                time.GetUtcNow());
            if (decision.Error is { } error)
                throw CatalogProblem.From(error);
            stream.AppendMany(decision.Events);
            session.LastModifiedBy = callerId.ToString();
            return Task.FromResult(decision.Events.Count > 0);
        }, session => ProjectedListing.LoadAsync(session, fileId, ct), ct);
    }
}
