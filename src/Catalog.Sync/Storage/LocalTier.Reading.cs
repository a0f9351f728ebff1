using System.Net;
using System.Net.Http.Headers;
using Catalog.Domain.Files;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;
using Microsoft.Extensions.Logging;

namespace Catalog.Sync.Storage;

// Reading and removing existing copies. A copy is addressed by the location its event recorded, bucket included:
// the configured bucket is where new uploads go, the recorded one is where these bytes are.
public sealed partial class LocalTier
{
    /// <summary>The object's size, or null when there is no such object.</summary>
    public async Task<long?> SizeOfAsync(StorageLocation location, CancellationToken ct)
    {
        try
        {
            var stat = await client.StatObjectAsync(
                new StatObjectArgs().WithBucket(location.Bucket).WithObject(location.ObjectKey), ct);
            return stat.Size;
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Streams the object (or a part of it) to <paramref name="consume"/>; false when there is no such object. With
    /// <paramref name="recordedSize"/>, the size the catalog recorded for the whole object, a copy of another size (the
    /// answer's length, or the total a ranged answer names) fails with <see cref="DamagedCopyException"/> before any
    /// byte reaches <paramref name="consume"/>. One GET: Minio's GetObject would first stat the object, and hides the
    /// answer's length (ADR 0037).
    /// </summary>
    public async Task<bool> ReadAsync(
        StorageLocation location, ByteRange? range, long? recordedSize, ConsumeObject consume, CancellationToken ct)
    {
        // Signed locally (the region is configured, so nothing is asked); the URL is used at once.
        var url = await client.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(location.Bucket).WithObject(location.ObjectKey).WithExpiry((int)TimeSpan.FromMinutes(15).TotalSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (range is { } part)
            request.Headers.Range = new RangeHeaderValue(part.Offset, part.Last);
        using var response = await client.Config.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var key = location.ObjectKey;
        switch (response.StatusCode)
        {
            // Only the configured bucket missing refuses the service; an earlier one's (ADR 0023) leaves this copy missing.
            case HttpStatusCode.NotFound when location.Bucket == Bucket
                                              && StoreErrors.CodeOf(await response.Content.ReadAsStringAsync(ct)) == "NoSuchBucket":
                throw new BucketNotFoundException(location.Bucket, $"The local tier has no bucket {location.Bucket}.");
            case HttpStatusCode.NotFound:
                return false;
            case HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized:
                var refusal = StoreErrors.CodeOf(await response.Content.ReadAsStringAsync(ct));
                var answer = $"{(int)response.StatusCode}{(refusal is null ? "" : $" {refusal}")}";
                if (StoreErrors.RefusesCredentials(refusal))
                    throw new CredentialsRefusedException($"The local tier refused this service's credentials to read {key} ({answer}).");
                throw new AccessDeniedException($"The local tier refused to read {key} ({answer}).");
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                // The range was checked against the file's recorded size: the stored object is shorter than its record.
                throw new DamagedCopyException($"The local tier holds less of {key} than its record says.");
            case >= HttpStatusCode.BadRequest:
                throw new StorageUnavailableException($"The local tier answered {(int)response.StatusCode} to the GET of {key}.");
        }
        if (range is not null && response.StatusCode != HttpStatusCode.PartialContent)
            throw new StorageUnavailableException($"The local tier answered the range of {key} with {(int)response.StatusCode}.");
        if (recordedSize is { } recorded)
            StoredSizes.Confirm(StorageTier.Local, key, recorded, range, response.Content.Headers.ContentLength, response.Content.Headers.ContentRange?.Length);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await consume(body, ct);
        return true;
    }

    /// <summary>
    /// A URL anyone can GET the object with until it expires; the response carries <paramref name="contentDisposition"/>
    /// and the file's own <paramref name="contentType"/>: an object shared by identical uploads (ADR 0018) was stored
    /// with the type of the first.
    /// </summary>
    public async Task<Uri> PresignGetAsync(StorageLocation location, TimeSpan lifetime, string contentDisposition, string contentType)
    {
        var url = await publicClient.PresignedGetObjectAsync(new PresignedGetObjectArgs()
            .WithBucket(location.Bucket)
            .WithObject(location.ObjectKey)
            .WithExpiry((int)Math.Ceiling(lifetime.TotalSeconds))
            .WithHeaders(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["response-content-disposition"] = contentDisposition,
                ["response-content-type"] = contentType,
            }));
        return new Uri(url);
    }

    /// <summary>Removes the object; removing one that is already gone succeeds, as S3 does.</summary>
    public Task RemoveAsync(StorageLocation location, CancellationToken ct) =>
        client.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(location.Bucket).WithObject(location.ObjectKey), ct);

    /// <summary>
    /// Removes an object no event needs (a failed or superseded upload's copy, a completed upload's staging object);
    /// a failure is logged, not thrown: what is recorded stays consistent, an object left behind is only wasted space.
    /// </summary>
    public async Task RemoveQuietlyAsync(StorageLocation location)
    {
        try
        {
            await RemoveAsync(location, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not remove {ObjectKey}, which no event needs; if the store kept it, it is an orphan now", location.ObjectKey);
        }
    }
}
