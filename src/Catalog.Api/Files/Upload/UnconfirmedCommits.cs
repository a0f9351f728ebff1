using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Locking;
using Catalog.Sync.Storage;
using Marten;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// What became of a new file's commit whose <c>SaveChangesAsync</c> failed: a commit can be written and its answer
/// lost (a dropped connection, a time-out, the client's cancellation). The file's bytes may be removed only when the
/// catalog is known not to hold the file; when the question cannot be answered either, they stay (ADR 0092).
/// </summary>
public sealed class UnconfirmedCommits(IDocumentStore store, LocalTier localTier, ILogger<UnconfirmedCommits> logger)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private enum Outcome
    {
        NotRecorded,
        Recorded,
        Unknown,
    }

    /// <summary>
    /// Returns the file when its commit was written after all, else null (the caller rethrows its failure). Removes
    /// <paramref name="ownObject"/>, the object this upload stored (null: none), unless the file may point at it.
    /// </summary>
    /// <param name="pointedAt">The object the failed commit pointed the file at.</param>
    public async Task<FileListing?> SettleNewFileAsync(
        Guid fileId, Guid ownerId, string sha256, StorageLocation? ownObject, StorageLocation pointedAt, Exception failure)
    {
        var (outcome, listing) = await OutcomeAsync(fileId, ownerId, sha256, failure);
        // Pointed at identical bytes kept earlier, the file never refers to this object, whatever the outcome.
        if (ownObject is not null && (pointedAt != ownObject || outcome == Outcome.NotRecorded))
            await localTier.RemoveQuietlyAsync(ownObject);
        return outcome == Outcome.Recorded ? listing : null;
    }

    /// <summary>
    /// First waits for the content lock the failed commit held: a transaction whose client gave up may still be
    /// committing, and a listing read before it ends would call it not recorded. Not cancelled with the request: its
    /// client may be the one that left.
    /// </summary>
    private async Task<(Outcome, FileListing?)> OutcomeAsync(Guid fileId, Guid ownerId, string sha256, Exception failure)
    {
        try
        {
            using var patience = new CancellationTokenSource(Patience);
            await using var session = store.LightweightSession();
            await StreamLocks.SerializeAsync(session, ContentIds.For(ownerId, sha256), patience.Token);
            var listing = await session.LoadAsync<FileListing>(fileId, patience.Token);
            if (listing is null)
                return (Outcome.NotRecorded, null);
            logger.LogWarning(failure, "The commit of file {FileId} failed to answer but was written; the upload stands", fileId);
            return (Outcome.Recorded, listing);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Whether file {FileId} was recorded is unknown; its bytes are kept", fileId);
            return (Outcome.Unknown, null);
        }
    }
}
