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
    public async Task<bool> ExistsAsync(StorageLocation location, CancellationToken ct) =>
        await SizeOfAsync(location, ct) is not null;

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
    /// Streams the object (or a part of it) to <paramref name="consume"/>; false when there is no such object. A
    /// failure of the store's own before the bytes reach <paramref name="consume"/> is a <see cref="StorageUnavailableException"/>.
    /// </summary>
    public async Task<bool> ReadAsync(StorageLocation location, ByteRange? range, ConsumeObject consume, CancellationToken ct)
    {
        var consumed = false;
        var args = new GetObjectArgs()
            .WithBucket(location.Bucket)
            .WithObject(location.ObjectKey)
            .WithCallbackStream((stream, token) =>
            {
                consumed = true;
                return consume(stream, token);
            });
        if (range is { } part)
            args = args.WithOffsetAndLength(part.Offset, part.Length);
        try
        {
            await client.GetObjectAsync(args, ct);
            return true;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (!consumed && !ct.IsCancellationRequested
                                  && e is NullReferenceException or MinioException
                                  && e is not (BucketNotFoundException or AccessDeniedException or AuthorizationException))
        {
            // Minio 7 fails on some of the store's answers in ways of its own: a 416 for a range past the end of an
            // object shorter than its record ends in a NullReferenceException while it parses the error. A missing
            // bucket or a refused credential is a fault to fix, not an outage, and stays what it is.
            logger.LogError(e, "The local tier failed to read {ObjectKey}", location.ObjectKey);
            throw new StorageUnavailableException($"The local tier failed to read {location.ObjectKey}.", e);
        }
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
