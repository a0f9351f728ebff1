using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Locking;
using Marten;

namespace Catalog.Api.Files.Upload;

public enum CommitOutcome
{
    NotRecorded,
    Recorded,
    Unknown,
}

/// <summary>
/// What became of a new file's commit whose <c>SaveChangesAsync</c> failed: a commit can be written and its answer
/// lost (a dropped connection, a time-out, the client's cancellation). The file's bytes may be removed only when the
/// catalog is known not to hold the file; when the question cannot be answered either, they stay (ADR 0092).
/// </summary>
public sealed class UnconfirmedCommits(IDocumentStore store, ILogger<UnconfirmedCommits> logger)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// First waits for the content lock the failed commit held: a transaction whose client gave up may still be
    /// committing, and a listing read before it ends would call it not recorded. Not cancelled with the request: its
    /// client may be the one that left.
    /// </summary>
    public async Task<(CommitOutcome Outcome, FileListing? Listing)> OfNewFileAsync(
        Guid fileId, Guid ownerId, string sha256, Exception failure)
    {
        try
        {
            using var patience = new CancellationTokenSource(Patience);
            await using var session = store.LightweightSession();
            await StreamLocks.SerializeAsync(session, ContentIds.For(ownerId, sha256), patience.Token);
            var listing = await session.LoadAsync<FileListing>(fileId, patience.Token);
            if (listing is not null)
                logger.LogWarning(failure, "The commit of file {FileId} failed to answer but was written; the upload stands", fileId);
            return listing is null ? (CommitOutcome.NotRecorded, null) : (CommitOutcome.Recorded, listing);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Whether file {FileId} was recorded is unknown; its bytes are kept", fileId);
            return (CommitOutcome.Unknown, null);
        }
    }
}
