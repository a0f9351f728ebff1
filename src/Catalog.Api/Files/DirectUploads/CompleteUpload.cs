using Catalog.Api.Errors;
using Catalog.Api.Files.Upload;
using Catalog.Api.Files.Listing;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Locking;
using Catalog.Sync.Storage;
using Catalog.Sync.Uploads;
using Marten;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Files.DirectUploads;

/// <summary>
/// Turns a staged direct upload into a file: checks the staged object's size and type, copies it to the file's own
/// key while hashing the copy, judges the copy's type again (the staging URL still takes PUTs), and only when size,
/// SHA-256 and type are the ones announced and judged appends <see cref="FileUploaded"/>.
/// Everything is decided under the upload's lock, so completing again, also while the first completion commits, returns
/// the same file. A refused completion keeps the upload open until it expires (ADR 0017). A
/// commit whose answer is lost removes the copy only once the catalog is known not to hold the file (ADR 0092).
/// </summary>
public static class CompleteUpload
{
    public static async Task<FileListing> Handle(
        Guid callerId, Guid uploadId, IDocumentSession session, LocalTier localTier, IOptions<UploadOptions> uploads,
        IOptions<DirectUploadOptions> direct, TimeProvider time, UnconfirmedCommits unconfirmed, CancellationToken ct)
    {
        var grace = direct.Value.Grace;
        // Someone else's upload is refused before its lock, which the owner's completion holds through its copy: a
        // stranger would otherwise wait for it, and the wait would tell that the upload exists and is being completed.
        CatalogProblem.ThrowIfRefused(DirectUploadDecisions.Owned(await session.Events.FetchLatest<DirectUpload>(uploadId, ct), callerId));
        // Locked from here to the commit, and decided only on what is read under the lock: a retry that comes while the
        // first completion commits waits, then finds the upload completed, whereas the staged object or the quota read
        // before the lock could already be the ones that completion removed or took. The copy happens under the lock
        // too, so that nothing can overwrite the file's bytes once they are recorded.
        var stream = await StreamLocks.FetchLockedAsync<DirectUpload>(session, uploadId, ct);
        CatalogProblem.ThrowIfRefused(DirectUploadDecisions.Admit(stream.Aggregate, callerId, time.GetUtcNow(), grace));
        var upload = stream.Aggregate!;
        if (upload.Status == DirectUploadStatus.Completed)
            return await ProjectedListing.LoadAsync(session, upload.FileId, ct);

        var staging = upload.StagingLocation;
        CatalogProblem.ThrowIfRefused(DirectUploadDecisions.CheckSize(upload, await localTier.SizeOfAsync(staging, ct)));
        var settings = uploads.Value;
        var accepted = CatalogProblem.ValueOrThrow(ContentDecisions.Accept(
            upload.ContentType, await StagedObject.SniffAsync(localTier, staging, upload.Size, ct), settings.Policy()));
        CatalogProblem.ThrowIfRefused(ContentDecisions.CheckSize(accepted, upload.Size));
        CatalogProblem.ThrowIfRefused(QuotaDecisions.Check(await StorageUsage.TotalAsync(session, callerId, ct), upload.Size, settings.Quota()));

        var target = localTier.LocationOf(callerId, upload.FileId);
        var location = target;
        string? sha256 = null;
        var committing = false;
        try
        {
            var copied = await CopyAsync(localTier, upload, target, accepted, ct)
                         ?? throw CatalogProblem.From(DirectUploadDecisions.CheckSize(upload, null)!);
            var copiedType = CatalogProblem.ValueOrThrow(ContentDecisions.Accept(
                upload.ContentType, await StagedObject.SniffAsync(localTier, target, upload.Size, ct), settings.Policy()));
            CatalogProblem.ThrowIfRefused(DirectUploadDecisions.CheckCopiedType(accepted, copiedType));
            // Identical bytes the owner already keeps win over this copy (ADR 0018).
            sha256 = copied.Sha256;
            var content = await SharedObjects.LockAsync(session, callerId, copied.Sha256, ct);
            location = await SharedObjects.ReferenceAsync(content, localTier, callerId, copied.Sha256, copied.Size, upload.FileId, target, ct);
            var found = new UploadedObject(copied.Size, copied.Sha256, accepted.ContentType, location);
            var decision = DirectUploadDecisions.Complete(
                stream.Aggregate, new CompleteDirectUpload(uploadId, callerId, found), time.GetUtcNow(), grace);
            CatalogProblem.ThrowIfRefused(decision.Error);

            session.Events.StartStream<StoredFile>(upload.FileId, decision.Events.OfType<FileUploaded>());
            stream.AppendMany(decision.Events.OfType<DirectUploadCompleted>());
            session.LastModifiedBy = callerId.ToString();
            QuotaGuard.Enlist(session, callerId, copied.Size, settings.Quota());
            committing = true;
            await session.SaveChangesAsync(ct);
        }
        catch (Exception failure) when (committing && failure is not CatalogProblem)
        {
            // The file and the upload's completion commit together, so the file's listing tells whether both were written.
            if (await unconfirmed.SettleNewFileAsync(upload.FileId, callerId, sha256!, target, location, failure) is not { } recorded)
                throw;
            await localTier.RemoveQuietlyAsync(staging);
            return recorded;
        }
        catch
        {
            await localTier.RemoveQuietlyAsync(target);
            throw;
        }

        if (location != target)
            await localTier.RemoveQuietlyAsync(target);
        await localTier.RemoveQuietlyAsync(staging);
        return await ProjectedListing.LoadAsync(session, upload.FileId, ct);
    }

    private static async Task<(long Size, string Sha256)?> CopyAsync(
        LocalTier localTier, DirectUpload upload, StorageLocation target, AcceptedContent accepted, CancellationToken ct)
    {
        try
        {
            return await localTier.CopyHashedAsync(upload.StagingLocation, target, upload.Size, accepted.ContentType, ct);
        }
        catch (SourceResizedException)
        {
            throw CatalogProblem.From(DirectUploadDecisions.ResizedWhileCompleting(upload));
        }
    }
}
