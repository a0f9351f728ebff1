using System.Net.Http.Headers;
using Catalog.Domain.Files;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;

namespace Catalog.Sync.Storage;

/// <summary>The local (MinIO) tier. Every call to that bucket goes through here.</summary>
public sealed partial class LocalTier(IMinioClient client, IOptions<LocalTierOptions> options)
{
    // Checked when the PUT starts, however long the body then takes.
    private const int PutUrlLifetimeSeconds = 15 * 60;
    private const int PutBufferBytes = 64 * 1024;

    public string Bucket => options.Value.Bucket;

    public StorageLocation LocationOf(Guid ownerId, Guid fileId) => new(Bucket, ObjectKeys.For(ownerId, fileId));

    /// <summary>
    /// Streams <paramref name="size"/> bytes of <paramref name="content"/> (left open) to the object in one presigned
    /// PUT (ADR 0061): Minio 7's own PUT copies a large object into fresh 16 MiB parts three times over.
    /// </summary>
    public async Task PutAsync(string key, Stream content, long size, string contentType, CancellationToken ct)
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
