using Catalog.Domain.Files;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;

namespace Catalog.Sync.Storage;

/// <summary>The local (MinIO) tier. Every call to that bucket goes through here.</summary>
public sealed partial class LocalTier(IMinioClient client, IOptions<LocalTierOptions> options)
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
        await client.PutObjectAsync(args, ct);
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
