using Catalog.Domain.Files;
using Marten;
using Microsoft.Extensions.Options;

namespace Catalog.Api.Files.Download;

/// <summary>Issues a presigned URL of the tier that holds the bytes, and records the access.</summary>
public static class RequestDownload
{
    public static Task<DownloadTicket> Handle(
        Guid callerId, Guid fileId, ClientInfo client, IDocumentStore store, StoredCopies copies,
        IOptions<DownloadOptions> options, TimeProvider time, CancellationToken ct) =>
        // Evicted since the listing was read (before or after its copy was looked at): the copy there is now is signed.
        CopyGoneException.RetryAsync(async () =>
        {
            await using var session = store.QuerySession();
            var file = await DownloadableFile.LoadAsync(session, fileId, callerId, ct);
            var lifetime = options.Value.UrlLifetime;
            // Taken before signing: the URL stays valid a little past the time announced, never less.
            var expiresAt = time.GetUtcNow() + lifetime;

            var (tier, url) = await DownloadableFile.UsingCopiesAsync(store, file, () => copies.PresignAsync(file, lifetime, ct), ct);
            // Taken after signing, so the copy is kept at least as long as the URL works (eviction waits for it).
            await AccessLog.RecordAsync(store, fileId, callerId, AccessMethod.PresignedUrl, tier, client, time, ct,
                urlExpiresAt: time.GetUtcNow() + lifetime);
            return new DownloadTicket(url.AbsoluteUri, expiresAt);
        });
}
