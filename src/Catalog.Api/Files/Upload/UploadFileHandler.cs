using Catalog.Api.Errors;
using Catalog.Api.Files.DirectUploads;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Projections.Usage;
using Catalog.Sync.Storage;
using Catalog.Sync.Transfer;
using Catalog.Sync.Uploads;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine.Attributes;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// Checks type and quota, stores the bytes in the local tier, then appends <see cref="FileUploaded"/>: an event never
/// points at bytes that were not stored. A file of known length goes straight through to the store (ADR 0074); any
/// other is spooled and hashed first, and not stored at all when the owner already keeps identical bytes (ADR 0006,
/// 0018). When the append fails, the object this upload stored is removed again, unless the commit may have been
/// written: then it is removed only once the catalog is known not to hold the file (ADR 0092).
/// </summary>
[WolverineIgnore] // a GraphQL and REST handler, not a message handler
public sealed class UploadFileHandler(
    IDocumentSession session, LocalTier localTier, IOptions<UploadOptions> options, IOptions<DirectUploadOptions> direct,
    TimeProvider time, UnconfirmedCommits unconfirmed, ILogger<SpoolRefusals> spoolRefusals)
{
    private sealed record Received(string Name, string ContentType, long Size, string Sha256);

    public async Task<FileListing> Handle(Guid ownerId, IncomingFile file, CancellationToken ct)
    {
        var settings = options.Value;
        var name = FileName.Normalize(file.FileName);
        var declared = ContentTypes.Normalize(file.ContentType);

        // The bytes open direct uploads announced are held for them (ADR 0017): a file sent whole does not get them.
        var (usage, open) = await RoomTaken.OfAsync(session, ownerId, time.GetUtcNow() - direct.Value.Grace, ct);
        CatalogProblem.ThrowIfRefused(OpenUploadDecisions.CheckUpload(usage, open, file.Length ?? 0, settings.Quota()));

        var head = await SpooledFile.ReadHeadAsync(file.Content, ContentSniffer.HeadLength, ct);
        var accepted = CatalogProblem.ValueOrThrow(ContentDecisions.Accept(declared, ContentSniffer.Sniff(head), settings.Policy()));

        var fileId = Guid.CreateVersion7(time.GetUtcNow());
        var ownObject = localTier.LocationOf(ownerId, fileId);
        if (file.Length is { } length && length <= localTier.SinglePutLimit)
        {
            CatalogProblem.ThrowIfRefused(ContentDecisions.CheckSize(accepted, length));
            var sha256 = await PassThroughAsync(ownObject, head, file.Content, length, accepted.ContentType, ct);
            return await RecordAsync(ownerId, fileId, new Received(name, accepted.ContentType, length, sha256), ownObject, storeAgain: null, ct);
        }

        await using var spooled = await SpoolAsync(head, file.Content, accepted, settings.SpoolFolder, ct);
        CatalogProblem.ThrowIfRefused(OpenUploadDecisions.CheckUpload(usage, open, spooled.Size, settings.Quota()));
        var received = new Received(name, accepted.ContentType, spooled.Size, spooled.Sha256);
        Task Store() => localTier.PutAsync(ownObject.ObjectKey, spooled.OpenRead(), spooled.Size, accepted.ContentType, spooled.Crc32, ct);

        // Identical bytes the owner already keeps are not stored again (ADR 0018). Without such a hint the bytes are
        // stored before the content lock is taken, so a long PUT never holds it.
        if (await SharedObjects.PeekAsync(session, ownerId, spooled.Sha256, ct) is not null)
            return await RecordAsync(ownerId, fileId, received, ownObject, Store, ct);
        await Store();
        return await RecordAsync(ownerId, fileId, received, ownObject, storeAgain: null, ct);
    }

    private async Task<SpooledFile> SpoolAsync(byte[] head, Stream rest, AcceptedContent accepted, string folder, CancellationToken ct)
    {
        try
        {
            return await SpooledFile.CopyAsync(head, rest, accepted, folder, ct);
        }
        catch (SpoolUnavailableException failed)
        {
            spoolRefusals.LogWarning("{Reason:l} (Uploads:SpoolDirectory); the upload was refused with 503", failed.Message);
            throw new CatalogProblem(ErrorCode.StorageUnavailable, failed.OutOfSpace
                ? "The service has no room to take in this upload just now; nothing was recorded. Try again later, or upload " +
                  "it with beginUpload, which sends the bytes straight to storage."
                : "The service could not take in this upload just now; nothing was recorded. Try again later.");
        }
    }

    /// <summary>
    /// Stores the bytes as they arrive, hashing them on the way; the store checks them against their CRC-32 (ADR 0102).
    /// Returns their SHA-256. A client's body that breaks off fails the PUT with the client's error (the HTTP client
    /// wraps only I/O errors of a body, and <see cref="ClientReads"/> has turned those into a problem already).
    /// </summary>
    private async Task<string> PassThroughAsync(
        StorageLocation location, byte[] head, Stream rest, long length, string contentType, CancellationToken ct)
    {
        await using var body = new HashingReadStream(new PassThroughBody(head, rest, length), withCrc32: true);
        await localTier.PutPassedThroughAsync(location.ObjectKey, body, length, contentType, body.Crc32, ct);
        return body.Sha256Hex();
    }

    /// <param name="storeAgain">
    /// Null when this upload's bytes are at <paramref name="ownObject"/> already; else how to store them there, should
    /// the identical object it hoped to point at be gone.
    /// </param>
    private async Task<FileListing> RecordAsync(
        Guid ownerId, Guid fileId, Received received, StorageLocation ownObject, Func<Task>? storeAgain, CancellationToken ct)
    {
        var stored = storeAgain is null;
        var location = ownObject;
        var committing = false;
        StreamAction started;
        try
        {
            var content = await SharedObjects.LockAsync(session, ownerId, received.Sha256, ct);
            location = await SharedObjects.ReferenceAsync(content, localTier, ownerId, received.Sha256, received.Size, fileId, ownObject, ct);
            if (location == ownObject && !stored)
            {
                await storeAgain!(); // the object hinted at went meanwhile
                stored = true;
            }

            var decision = FileDecisions.Upload(
                new UploadFile(fileId, ownerId, received.Name, received.ContentType, received.Size, received.Sha256, location),
                time.GetUtcNow());
            CatalogProblem.ThrowIfRefused(decision.Error);
            session.LastModifiedBy = ownerId.ToString();
            started = session.Events.StartStream<StoredFile>(fileId, decision.Events);
            QuotaGuard.Enlist(session, ownerId, received.Size, options.Value.Quota(), time.GetUtcNow() - direct.Value.Grace);
            committing = true;
            await session.SaveChangesAsync(ct);
        }
        catch (Exception failure) when (committing && failure is not CatalogProblem)
        {
            if (await unconfirmed.SettleNewFileAsync(fileId, ownerId, received.Sha256, stored ? ownObject : null, location, failure) is { } recorded)
                return recorded;
            throw;
        }
        catch
        {
            if (stored)
                await localTier.RemoveQuietlyAsync(ownObject);
            throw;
        }

        if (stored && location != ownObject)
            await localTier.RemoveQuietlyAsync(ownObject); // identical bytes were kept already, or stored first by a racing upload
        return FileListingProjection.OfUpload(started);
    }
}
