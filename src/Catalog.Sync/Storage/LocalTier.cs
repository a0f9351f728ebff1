using System.Net.Http.Headers;
using Catalog.Domain.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;

namespace Catalog.Sync.Storage;

/// <summary>The local (MinIO) tier. Every call to that bucket goes through here.</summary>
public sealed partial class LocalTier(IMinioClient client, IOptions<LocalTierOptions> options, ILogger<LocalTier> logger)
{
    // Checked when the PUT starts, however long the body then takes.
    private const int PutUrlLifetimeSeconds = 15 * 60;
    private const int PutBufferBytes = 64 * 1024;

    public string Bucket => options.Value.Bucket;

    public StorageLocation LocationOf(Guid ownerId, Guid fileId) => new(Bucket, ObjectKeys.For(ownerId, fileId));

    /// <summary>
    /// Stores <paramref name="size"/> bytes of <paramref name="content"/> (left open): up to
    /// <c>Storage:Local:MultipartThresholdBytes</c> in one streamed PUT, above it as a multipart upload (ADR 0061).
    /// </summary>
    public Task PutAsync(string key, Stream content, long size, string contentType, CancellationToken ct) =>
        size > options.Value.MultipartThresholdBytes
            ? PutMultipartAsync(key, content, size, contentType, ct)
            : PutStreamedAsync(key, content, size, contentType, ct);

    // Minio 7's own PUT copies every part into fresh arrays several times over: fine per part, not for a whole file.
    private async Task PutStreamedAsync(string key, Stream content, long size, string contentType, CancellationToken ct)
    {
        var url = await client.PresignedPutObjectAsync(new PresignedPutObjectArgs()
            .WithBucket(Bucket)
            .WithObject(key)
            .WithExpiry(PutUrlLifetimeSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StreamContent(new LeaveOpenStream(content), PutBufferBytes) };
        request.Content.Headers.ContentLength = size;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await client.Config.HttpClient.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new IOException(
                $"The local tier answered {(int)response.StatusCode} to the PUT of {key}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    private async Task PutMultipartAsync(string key, Stream content, long size, string contentType, CancellationToken ct)
    {
        var args = new PutObjectArgs()
            .WithBucket(Bucket)
            .WithObject(key)
            .WithStreamData(new LeaveOpenStream(content))
            .WithObjectSize(size)
            .WithContentType(contentType);
        try
        {
            await client.PutObjectAsync(args, ct);
        }
        catch
        {
            // A multipart upload cut off leaves its parts behind until aborted.
            await AbortIncompleteUploadAsync(key);
            throw;
        }
    }

    /// <summary>
    /// Best effort: MinIO also expires stale multipart uploads itself (24 h by default) and S3 buckets should carry an
    /// AbortIncompleteMultipartUpload lifecycle rule; servers that cannot list uploads (s3rver) refuse this call.
    /// </summary>
    private async Task AbortIncompleteUploadAsync(string key)
    {
        try
        {
            await client.RemoveIncompleteUploadAsync(
                new RemoveIncompleteUploadArgs().WithBucket(Bucket).WithObject(key), CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not abort the incomplete upload of {ObjectKey}; the server's expiry of stale uploads will", key);
        }
    }

    public Task RemoveAsync(string key, CancellationToken ct) =>
        RemoveAsync(new StorageLocation(Bucket, key), ct);

    public Task<bool> BucketExistsAsync(CancellationToken ct) =>
        client.BucketExistsAsync(new BucketExistsArgs().WithBucket(Bucket), ct);

    public async Task EnsureBucketAsync(CancellationToken ct)
    {
        if (!await BucketExistsAsync(ct))
            await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(Bucket).WithLocation(options.Value.Region), ct);
    }
}
