using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.Attributes;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// Checks type and quota, spools and hashes the bytes, stores them in the local tier (unless the owner already keeps
/// identical bytes there), then appends <see cref="FileUploaded"/>: an event never points at bytes that were not
/// stored. When the append fails, the object this upload stored is removed again.
/// </summary>
[WolverineIgnore] // a GraphQL and REST handler, not a message handler
public sealed class UploadFileHandler(
    IDocumentSession session, LocalTier localTier, IOptions<UploadOptions> options, TimeProvider time)
{
    public async Task<FileListing> Handle(Guid ownerId, IncomingFile file, CancellationToken ct)
    {
        var settings = options.Value;
        var name = FileName.Normalize(file.FileName);
        var declared = ContentTypes.Normalize(file.ContentType);

        var usage = await StorageUsage.TotalAsync(session, ownerId, ct);
        CatalogProblem.ThrowIfRefused(QuotaDecisions.Check(usage, file.DeclaredSize ?? 0, settings.Quota()));

        var head = await SpooledFile.ReadHeadAsync(file.Content, ContentSniffer.HeadLength, ct);
        var (accepted, refused) = ContentDecisions.Accept(declared, ContentSniffer.Sniff(head), settings.Policy());
        CatalogProblem.ThrowIfRefused(refused);

        await using var spooled = await SpooledFile.CopyAsync(
            head, file.Content, accepted!.MaxBytes, localTier.SinglePutLimit, settings.SpoolDirectory, ct);
        CatalogProblem.ThrowIfRefused(QuotaDecisions.Check(usage, spooled.Size, settings.Quota()));

        var fileId = Guid.CreateVersion7(time.GetUtcNow());
        var ownObject = localTier.LocationOf(ownerId, fileId);
        // Identical bytes the owner already keeps are not stored again (ADR 0018). Without such a hint the bytes are
        // stored before the content lock is taken, so a long PUT never holds it.
        var stored = false;
        if (await SharedObjects.PeekAsync(session, ownerId, spooled.Sha256, ct) is null)
        {
            await StoreAsync(ownObject, spooled, accepted.ContentType, ct);
            stored = true;
        }
        try
        {
            await QuotaLock.CheckUnderLockAsync(session, ownerId, spooled.Size, settings.Quota(), ct);
            var content = await SharedObjects.LockAsync(session, ownerId, spooled.Sha256, ct);
            var location = await SharedObjects.ReferenceAsync(content, localTier, ownerId, spooled.Sha256, fileId, ownObject, ct);
            if (location == ownObject && !stored)
            {
                await StoreAsync(ownObject, spooled, accepted.ContentType, ct); // the object hinted at went meanwhile
                stored = true;
            }

            var decision = FileDecisions.Upload(
                new UploadFile(fileId, ownerId, name, accepted.ContentType, spooled.Size, spooled.Sha256, location), time.GetUtcNow());
            CatalogProblem.ThrowIfRefused(decision.Error);
            session.LastModifiedBy = ownerId.ToString();
            session.Events.StartStream<StoredFile>(fileId, decision.Events);
            await session.SaveChangesAsync(ct);

            if (stored && location != ownObject)
                await localTier.RemoveQuietlyAsync(ownObject); // an identical upload racing this one stored its object first
        }
        catch
        {
            if (stored)
                await localTier.RemoveQuietlyAsync(ownObject);
            throw;
        }

        return await session.LoadAsync<FileListing>(fileId, ct)
               ?? throw new InvalidOperationException($"The listing of file {fileId} was not projected.");
    }

    /// <summary>
    /// Stores the spooled bytes at <paramref name="location"/>; the store confirms them by their MD5 (ADR 0066, which
    /// replaces the stat after storing).
    /// </summary>
    private Task StoreAsync(StorageLocation location, SpooledFile spooled, string contentType, CancellationToken ct) =>
        localTier.PutAsync(location.ObjectKey, spooled.OpenRead(), spooled.Size, contentType, spooled.Md5, ct);
}
