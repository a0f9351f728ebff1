using Catalog.Domain;
using Catalog.Domain.Files;
using Catalog.Sync.Locking;
using Catalog.Sync.Storage;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Catalog.Sync.Uploads;

/// <summary>
/// Handles the durable <see cref="ExpireDirectUpload"/> scheduled when a direct upload begins (ADR 0017): an upload
/// never completed is closed and its staged object removed. The upload's stream lock (StreamLocks) is held meanwhile, the same
/// lock a completion waits for, so an upload is either completed or expired, never both. A completed upload's staged object is
/// removed too: completion removes it, but only as a courtesy that may have failed.
/// </summary>
public static class ExpireDirectUploadHandler
{
    public static async Task<OutgoingMessages> Handle(
        ExpireDirectUpload command, IDocumentSession session, LocalTier localTier, IOptions<DirectUploadOptions> options,
        TimeProvider time, ILogger<ExpireDirectUpload> logger, CancellationToken ct)
    {
        var outgoing = new OutgoingMessages();
        var stream = await StreamLocks.FetchLockedAsync<DirectUpload>(session, command.UploadId, ct);
        var grace = options.Value.Grace;
        var decision = DirectUploadDecisions.Expire(stream.Aggregate, time.GetUtcNow(), grace);

        if (decision.Error is { Kind: ErrorKind.Conflict } && stream.Aggregate is { } early)
        {
            // Delivered early (clocks differ, or the grace period grew since it was scheduled): wait again.
            outgoing.Schedule(command, early.CompletableUntil(grace));
            return outgoing;
        }
        if (stream.Aggregate is not { } upload)
        {
            logger.LogWarning("Upload {UploadId} to expire was not found", command.UploadId);
            return outgoing;
        }

        await localTier.RemoveAsync(upload.StagingLocation, ct);
        stream.AppendMany(decision.Events);
        return outgoing;
    }
}
