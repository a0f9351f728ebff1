using Catalog.Domain;
using Catalog.Domain.Files;
using Catalog.Sync.Locking;
using Catalog.Sync.Storage;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Catalog.Sync.Purge;

/// <summary>
/// Handles the durable <see cref="PurgeFile"/> message scheduled when a file is deleted (ADR 0020). The file is
/// locked while the bytes are removed, so a restore racing the purge waits and then finds the file purged (or its window
/// closed) instead of bringing back a file whose bytes are gone. A local object other files still point at (identical content, ADR 0018)
/// stays. Storage errors propagate to the retry policy (PurgeFailurePolicy).
/// </summary>
public static class PurgeFileHandler
{
    public static async Task<OutgoingMessages> Handle(
        PurgeFile command, IDocumentSession session, LocalTier localTier, CloudTier cloudTier,
        IOptions<DeletionOptions> options, TimeProvider time, ILogger<PurgeFile> logger, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        // Lock order: the content, then the file (ADR 0018); the owner's usage row changes by an increment in the commit
        // (ADR 0076). Owner and hash never change, so an unlocked read finds them.
        IEventStream<SharedContent>? content = null;
        if (await session.Events.FetchLatest<StoredFile>(command.FileId, ct) is { } known)
            content = await SharedObjects.LockAsync(session, known.OwnerId, known.Sha256, ct);
        // The file's queue (ADR 0094), so that a restore decided before the window closed is saved before the purge reads
        // the file, and one that waited reads what the purge left: the file purged, or, should the purge's commit fail
        // after the bytes went, still deleted with its window closed.
        await StreamLocks.SerializeAsync(session, command.FileId, ct);
        var stream = await session.Events.FetchForExclusiveWriting<StoredFile>(command.FileId, ct);
        var retention = options.Value.RetentionPeriod;
        var decision = FileDecisions.Purge(stream.Aggregate, command, retention, time.GetUtcNow());

        if (decision.Error is { Kind: ErrorKind.Conflict } && stream.Aggregate?.RestorableUntil(retention) is { } until)
        {
            // Delivered early (clocks differ, or the retention period grew since it was scheduled): wait again.
            outgoing.Schedule(command, until);
            return outgoing;
        }
        if (decision.Error is { } error)
        {
            logger.LogWarning("Purge of file {FileId} was refused: {Reason}", command.FileId, error.Message);
            return outgoing;
        }

        foreach (var purged in decision.Events.OfType<FilePurged>())
        {
            // Removed before the commit, so that a failed removal is retried; a waiting upload checks the object exists.
            // What a sync may have left outside the record goes quietly, so that an outage does not hold up the purge:
            // a local copy whose eviction's removal failed or was cut off by a crash (no later run looks at a file held
            // in the cloud only), and a cloud copy at the file's own key made by a sync that crashed before recording
            // it (the retried batch skips a deleted file; S3 answers a missing key with success).
            if (purged.LocalCopy is { } local)
            {
                if (content is null || SharedObjects.Release(content, purged.FileId, local))
                    await localTier.RemoveAsync(local, ct);
            }
            else if (stream.Aggregate is { IsLocalCopyEvicted: true } evicted && content?.Aggregate?.IsReferencedByOthers(evicted.LocalCopy, evicted.Id) != true)
                await QuietRemoval.RunAsync("local", evicted.LocalCopy, localTier.RemoveAsync, logger, ct);
            if (purged.CloudCopy is { } cloud)
                await cloudTier.RemoveAsync(cloud, ct);
            else
                await QuietRemoval.RunAsync("cloud", cloudTier.LocationOf(purged.OwnerId, purged.FileId), cloudTier.RemoveAsync, logger, ct);
        }

        stream.AppendMany(decision.Events);
        return outgoing;
    }
}
