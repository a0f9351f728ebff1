using System.Net;
using System.Net.Http.Headers;
using Amazon.S3;
using Amazon.S3.Model;
using Catalog.Domain.Files;

namespace Catalog.Sync.Storage;

// Reading and removing existing copies, addressed by the location their event recorded (see LocalTier.Reading).
public sealed partial class CloudTier
{
    /// <summary>
    /// Streams the object (or a part of it) to <paramref name="consume"/>; false when there is no such object. A copy of
    /// another size than <paramref name="recordedSize"/> fails before any byte is consumed, as in
    /// <see cref="LocalTier.ReadAsync(StorageLocation, ByteRange?, long?, ConsumeObject, CancellationToken)"/>.
    /// </summary>
    public async Task<bool> ReadAsync(StorageLocation location, ByteRange? range, long recordedSize, ConsumeObject consume, CancellationToken ct)
    {
        var request = new GetObjectRequest { BucketName = location.Bucket, Key = location.ObjectKey };
        if (range is { } part)
            request.ByteRange = new Amazon.S3.Model.ByteRange(part.Offset, part.Last);
        GetObjectResponse response;
        try
        {
            response = await downloadClient.GetObjectAsync(request, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The range was checked against the file's recorded size: the stored object is shorter than its record.
            throw new DamagedCopyException($"The cloud tier holds less of {location.ObjectKey} than its record says: {e.Message}");
        }

        using (response)
        {
            StoredSizes.Confirm(StorageTier.Cloud, location.ObjectKey, recordedSize, range, response.ContentLength, RangeTotal(response.ContentRange));
            await consume(response.ResponseStream, ct);
        }
        return true;
    }

    // "bytes 0-99/1000": the whole object's size ("*" when the store does not know it).
    private static long? RangeTotal(string? contentRange) =>
        ContentRangeHeaderValue.TryParse(contentRange, out var parsed) ? parsed.Length : null;

    /// <summary>The object's size, or null when there is no such object.</summary>
    public async Task<long?> SizeOfAsync(StorageLocation location, CancellationToken ct)
    {
        try
        {
            return (await downloadClient.GetObjectMetadataAsync(location.Bucket, location.ObjectKey, ct)).ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// A URL anyone can GET the object with until it expires; the response carries <paramref name="contentDisposition"/>
    /// and the file's own <paramref name="contentType"/>: an object shared by identical uploads (ADR 0018) was stored
    /// with the type of the first.
    /// </summary>
    public async Task<Uri> PresignGetAsync(StorageLocation location, TimeSpan lifetime, string contentDisposition, string contentType)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = location.Bucket,
            Key = location.ObjectKey,
            Verb = HttpVerb.GET,
            // The SDK turns this back into a lifetime against its own clock, the one it signs with.
            Expires = DateTime.UtcNow + lifetime,
            ResponseHeaderOverrides = { ContentDisposition = contentDisposition, ContentType = contentType },
        };
        if (options.Value.ClientServiceUrl is { Scheme: "http" })
            request.Protocol = Protocol.HTTP;
        return new Uri(await publicClient.GetPreSignedURLAsync(request));
    }

    /// <summary>Removes the object; removing one that is already gone succeeds, as S3 does.</summary>
    public Task RemoveAsync(StorageLocation location, CancellationToken ct) =>
        client.DeleteObjectAsync(location.Bucket, location.ObjectKey, ct);
}
