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
/// The local (MinIO) tier. Every call to that bucket goes through here. Reads, stats and presigned GETs use the Minio
/// client; single PUTs and presigned PUTs are signed here (ADR 0102, 0017); multipart writes use an S3 client of their own, which exposes the
/// upload id and each part's checksum (ADR 0066).
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

    public string Bucket => options.Value.Bucket;

    /// <summary>Objects up to this size are stored in one PUT, for which the caller gives the CRC-32 of the whole.</summary>
    public long SinglePutLimit => options.Value.MultipartThresholdBytes;

    public StorageLocation LocationOf(Guid ownerId, Guid fileId) => new(Bucket, ObjectKeys.For(ownerId, fileId));

    /// <summary>
    /// Stores <paramref name="size"/> bytes of <paramref name="content"/> (left open) at <paramref name="key"/>, a key no
    /// recorded file points at yet, and confirms that the store kept exactly those bytes: up to
    /// <see cref="SinglePutLimit"/> in one streamed PUT whose trailer carries <paramref name="crc32"/> (the CRC-32 of
    /// the whole, required there; ADR 0102), above it as a multipart upload whose parts are checked one by one
    /// (ADR 0066). When it cannot confirm them it throws and removes what it may have left: the object and the
    /// multipart upload.
    /// </summary>
    public async Task PutAsync(string key, Stream content, long size, string contentType, uint? crc32, CancellationToken ct)
    {
        if (size <= SinglePutLimit && crc32 is null)
            throw new ArgumentException("A single PUT needs the CRC-32 of the whole object.", nameof(crc32));
        await ClearedOnFailureAsync(key, () => size > SinglePutLimit
            ? PutPartsAsync(key, content, size, contentType, observe: null, ct)
            : PutStreamedAsync(key, content, size, contentType, () => crc32!.Value, ct));
    }

    /// <summary>
    /// Stores <paramref name="size"/> bytes (at most <see cref="SinglePutLimit"/>) of a stream whose CRC-32 is known
    /// only once it has been read, such as an upload passed straight through from its request (ADR 0074), in one PUT
    /// whose trailer carries <paramref name="crc32OfSent"/>, asked after the last byte was read. On failure it throws
    /// and clears the key, as <see cref="PutAsync"/> does.
    /// </summary>
    public async Task PutPassedThroughAsync(
        string key, Stream content, long size, string contentType, Func<uint> crc32OfSent, CancellationToken ct)
    {
        if (size > SinglePutLimit)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Only objects up to {SinglePutLimit} bytes go up in one PUT.");
        await ClearedOnFailureAsync(key, () => PutStreamedAsync(key, content, size, contentType, crc32OfSent, ct));
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

    // Signed here rather than presigned by Minio, which signs no header but the host, and a trailing checksum needs its
    // x-amz-* headers signed (ADR 0102). The store computes the CRC-32 of what it receives and refuses a differing
    // trailer.
    private async Task PutStreamedAsync(
        string key, Stream content, long size, string contentType, Func<uint> crc32OfSent, CancellationToken ct)
    {
        uint? sent = null;
        using var request = SignedPut(key, new TrailingChecksumContent(content, size, () => (sent = crc32OfSent()).Value), size);
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await client.Config.HttpClient.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new StorageUnavailableException(
                $"The local tier answered {(int)response.StatusCode} to the PUT of {key}: {await response.Content.ReadAsStringAsync(ct)}");
        StoredChecksums.Confirm(key, response.Headers.TryGetValues(TrailingChecksumContent.TrailerName, out var values) ? values.First() : null,
            sent ?? throw new InvalidOperationException($"The local tier answered the PUT of {key} before its body was sent."));
    }

    private HttpRequestMessage SignedPut(string key, TrailingChecksumContent body, long size)
    {
        var o = options.Value;
        return SignedTrailerPut.Create(o.Endpoint!, Bucket, key, body, size, o.AccessKey, o.SecretKey, o.Region, DateTimeOffset.UtcNow);
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
