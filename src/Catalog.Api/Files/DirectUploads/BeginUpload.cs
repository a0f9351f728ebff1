using System.Globalization;
using Catalog.Api.Errors;
using Catalog.Api.Files.Upload;
using Catalog.Domain.Files;
using Catalog.Projections.Usage;
using Catalog.Sync.Locking;
using Catalog.Sync.Storage;
using Catalog.Sync.Uploads;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Marten;

namespace Catalog.Api.Files.DirectUploads;

/// <summary>
/// Announces a direct upload and hands out a presigned PUT to its staging key. The expiry message is stored in the
/// transaction that records the upload, so an upload never completed is always cleaned up. Open uploads count against the
/// owner's byte quota and are bounded in number, since each may fill the local tier until it expires (ADR 0017).
/// </summary>
public static class BeginUpload
{
    public static async Task<UploadTicket> Handle(
        Guid callerId, BeginUploadInput input, IDocumentSession session, IMartenOutbox outbox, LocalTier localTier,
        IOptions<UploadOptions> uploads, IOptions<DirectUploadOptions> direct, TimeProvider time, CancellationToken ct)
    {
        var settings = uploads.Value;
        var name = FileName.Normalize(input.FileName);
        // The bytes are not here yet: the declared type is judged now, the bytes themselves at completion.
        var declared = ContentTypes.Normalize(input.ContentType);
        var accepted = CatalogProblem.ValueOrThrow(ContentDecisions.Accept(declared, declared, settings.Policy()));

        var now = time.GetUtcNow();
        var uploadId = Guid.CreateVersion7(now);
        var staging = localTier.StagingLocationOf(callerId, uploadId);
        var lifetime = direct.Value.UrlLifetime;
        var command = new BeginDirectUpload(uploadId, Guid.CreateVersion7(now), callerId, name, accepted.ContentType,
            input.Size, input.Sha256.Trim().ToLowerInvariant(), staging, lifetime);
        // What the announcement alone decides comes before the quota: a file over its type's limit was answered
        // QUOTA_EXCEEDED, as if freeing room could ever let it in.
        var decision = DirectUploadDecisions.Begin(command, accepted, now);
        CatalogProblem.ThrowIfRefused(decision.Error);
        var begun = decision.Events.OfType<DirectUploadBegun>().Single();

        // One owner's begins wait for each other from here to the commit, so two cannot both take the last room.
        await StreamLocks.SerializeAsync(session, callerId, ct);
        var (usage, open) = await RoomTaken.OfAsync(session, callerId, now - direct.Value.Grace, ct);
        CatalogProblem.ThrowIfRefused(QuotaDecisions.Check(usage, input.Size, settings.Quota()));
        CatalogProblem.ThrowIfRefused(OpenUploadDecisions.Admit(usage, open, input.Size, settings.Quota(), direct.Value.MaxOpenPerOwner));

        var url = localTier.PresignPut(staging, input.Size, lifetime);
        session.Events.StartStream<DirectUpload>(uploadId, decision.Events);
        await outbox.ScheduleAsync(new ExpireDirectUpload(uploadId), begun.ExpiresAt + direct.Value.Grace);
        session.LastModifiedBy = callerId.ToString();
        await session.SaveChangesAsync(ct);

        return new UploadTicket(uploadId, url.AbsoluteUri, begun.ExpiresAt, 
            [new HttpHeader("Content-Type", accepted.ContentType), new HttpHeader("Content-Length", input.Size.ToString(CultureInfo.InvariantCulture))]);
    }
}
