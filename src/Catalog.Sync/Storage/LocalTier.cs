using System.Net.Http.Headers;
using Amazon.S3;
using Catalog.Domain.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Minio;
using Minio.DataModel.Args;

namespace Catalog.Sync.Storage;

/// <summary>
/// The local (MinIO) tier. Every call to that bucket goes through here. Reads, stats and presigned URLs use the Minio
/// client; multipart writes use an S3 client of their own, which exposes the upload id and each part's checksum (ADR 0066).
/// </summary>
public sealed partial class LocalTier(
    IMinioClient client,
    [FromKeyedServices(LocalTier.PublicClientKey)] IMinioClient publicClient,
    [FromKeyedServices(LocalTier.S3ClientKey)] IAmazonS3 s3,
    IOptions<LocalTierOptions> options,
    ILogger<LocalTier> logger)
{
    public const string S3ClientKey = "local-tier";

    /// <summary>The client that signs the URLs clients are given, for <see cref="LocalTierOptions.PublicEndpoint"/>.</summary>
    public const string PublicClientKey = "local-tier-public";

    // Checked when the PUT starts, however long the body then takes.
    private const int PutUrlLifetimeSeconds = 15 * 60;
    private const int PutBufferBytes = 64 * 1024;

    public string Bucket => options.Value.Bucket;

    /// <summary>Objects up to this size are stored in one PUT, for which the caller gives the MD5 of the whole.</summary>
    public long SinglePutLimit => options.Value.MultipartThresholdBytes;

    public StorageLocation LocationOf(Guid ownerId, Guid fileId) => new(Bucket, ObjectKeys.For(ownerId, fileId));

    /// <summary>
    /// Stores <paramref name="size"/> bytes of <paramref name="content"/> (left open) at <paramref name="key"/>, a key no
    /// recorded file points at yet, and confirms that the store kept exactly those bytes (ADR 0066): up to
    /// <see cref="SinglePutLimit"/> in one streamed PUT checked against <paramref name="md5"/> (the MD5 of the whole,
    /// required there), above it as a multipart upload whose parts are checked one by one. When it cannot confirm
    /// them it throws and removes what it may have left: the object and the multipart upload.
    /// </summary>
    public async Task PutAsync(string key, Stream content, long size, string contentType, byte[]? md5, CancellationToken ct)
    {
        if (size <= SinglePutLimit && md5 is not { Length: 16 })
            throw new ArgumentException("A single PUT needs the MD5 of the whole object.", nameof(md5));
        await ClearedOnFailureAsync(key, () => size > SinglePutLimit
            ? PutPartsAsync(key, content, size, contentType, observe: null, ct)
            : PutStreamedAsync(key, content, size, contentType, md5, () => md5!, ct));
    }

    /// <summary>
    /// Stores <paramref name="size"/> bytes (at most <see cref="SinglePutLimit"/>) of a stream whose MD5 is known only
    /// once it has been read, such as an upload passed straight through from its request (ADR 0074), in one PUT. The
    /// store's ETag is then checked against <paramref name="md5OfSent"/>, asked after the body was sent. On failure it
    /// throws and clears the key, as <see cref="PutAsync"/> does.
    /// </summary>
    public async Task PutPassedThroughAsync(
        string key, Stream content, long size, string contentType, Func<byte[]> md5OfSent, CancellationToken ct)
    {
        if (size > SinglePutLimit)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Only objects up to {SinglePutLimit} bytes go up in one PUT.");
        await ClearedOnFailureAsync(key, () => PutStreamedAsync(key, content, size, contentType, announcedMd5: null, md5OfSent, ct));
    }

    private async Task ClearedOnFailureAsync(string key, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch
        {
            // A write that fails may still have stored something (an altered object, or one whose answer was lost), so
            // its key is cleared; nothing recorded points at it yet.
            await RemoveQuietlyAsync(new StorageLocation(Bucket, key));
            throw;
        }
    }

    // Minio 7's own PUT copies every part into fresh arrays several times over: fine per part, not for a whole file.
    private async Task PutStreamedAsync(
        string key, Stream content, long size, string contentType, byte[]? announcedMd5, Func<byte[]> md5OfSent, CancellationToken ct)
    {
        var url = await client.PresignedPutObjectAsync(new PresignedPutObjectArgs()
            .WithBucket(Bucket)
            .WithObject(key)
            .WithExpiry(PutUrlLifetimeSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StreamContent(new LeaveOpenStream(content), PutBufferBytes) };
        request.Content.Headers.ContentLength = size;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        // Stores that check it refuse other bytes outright; the ETag catches those that do not.
        request.Content.Headers.ContentMD5 = announcedMd5;
        using var response = await client.Config.HttpClient.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new StorageUnavailableException(
                $"The local tier answered {(int)response.StatusCode} to the PUT of {key}: {await response.Content.ReadAsStringAsync(ct)}");
        StoredEtags.Confirm(key, response.Headers.ETag?.Tag, md5OfSent(), "PUT");
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
