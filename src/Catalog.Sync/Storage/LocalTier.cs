using Catalog.Domain.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace Catalog.Sync.Storage;

/// <summary>The local (MinIO) tier. Every call to that bucket goes through here.</summary>
public sealed partial class LocalTier(IMinioClient client, IOptions<LocalTierOptions> options, ILogger<LocalTier> logger)
{
    public string Bucket => options.Value.Bucket;

    public StorageLocation LocationOf(Guid ownerId, Guid fileId) => new(Bucket, ObjectKeys.For(ownerId, fileId));

    public async Task PutAsync(string key, Stream content, long size, string contentType, CancellationToken ct)
    {
        var args = new PutObjectArgs()
            .WithBucket(Bucket)
            .WithObject(key)
            .WithStreamData(content)
            .WithObjectSize(size)
            .WithContentType(contentType);
        try
        {
            await client.PutObjectAsync(args, ct);
        }
        catch
        {
            // Objects over the client's part size go up as multipart uploads: one cut off leaves parts behind.
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

    /// <summary>The stored object's size, or null when there is no such object.</summary>
    public async Task<long?> SizeOfAsync(string key, CancellationToken ct)
    {
        try
        {
            var stat = await client.StatObjectAsync(new StatObjectArgs().WithBucket(Bucket).WithObject(key), ct);
            return stat.Size;
        }
        catch (ObjectNotFoundException)
        {
            return null;
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
