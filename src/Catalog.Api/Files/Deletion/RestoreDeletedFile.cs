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
        Guid callerId, Guid fileId, IDocumentSession session, IOptions<DeletionOptions> options, TimeProvider time,
        CancellationToken ct)
    {
        // Marten refuses the empty id as a stream id outright; no file has it.
        if (fileId == Guid.Empty)
            throw CatalogProblem.From(FileDecisions.FileNotFound(fileId));
        // Queued behind the file's other writers (downloads, deletes, restores), so a repeat finds the change made
        // and changes nothing, and a delete is never starved by downloads (ADR 0087).
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
            await session.SaveOrConflictAsync(fileId, ct);
        }

        return await session.LoadAsync<FileListing>(fileId, ct)
               ?? throw new InvalidOperationException($"The listing of file {fileId} was not projected.");
    }
}
