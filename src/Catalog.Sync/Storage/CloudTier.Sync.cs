using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Catalog.Domain.Files;

namespace Catalog.Sync.Storage;

/// <summary>What the nightly transfer needs from the cloud bucket: streamed and multipart writes, size, checksums, read-back.</summary>
public sealed partial class CloudTier
{
    public StorageLocation LocationOf(Guid ownerId, Guid fileId) => new(Bucket, ObjectKeys.For(ownerId, fileId));

    /// <summary>
    /// One PUT whose body is read from <paramref name="content"/> as it is sent (chunk-signed), so a stream that
    /// cannot seek is never buffered. With <paramref name="sha256"/> the store checks the bytes against it. Returns
    /// the store's ETag.
    /// </summary>
    public async Task<string> PutAsync(string key, Stream content, long size, string contentType, byte[]? sha256, CancellationToken ct)
    {
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            ContentType = contentType,
            ChecksumSHA256 = sha256 is null ? null : Convert.ToBase64String(sha256),
        };
        request.Headers.ContentLength = size;
        return (await client.PutObjectAsync(request, ct)).ETag;
    }

    /// <summary>
    /// One PUT of bytes held in memory, signed with their SHA-256 up front: the store gets a plain body, no aws-chunked
    /// framing to undo and no chunk signatures to check (ADR 0114). With <paramref name="md5"/> it is sent as
    /// Content-MD5, which a store checks on receipt; with <paramref name="sha256"/> the store checks that as well.
    /// Returns the store's ETag.
    /// </summary>
    public async Task<string> PutAsync(
        string key, byte[] buffer, int length, string contentType, byte[]? md5, byte[]? sha256, CancellationToken ct)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            InputStream = body,
            ContentType = contentType,
            MD5Digest = md5 is null ? null : Convert.ToBase64String(md5),
            ChecksumSHA256 = sha256 is null ? null : Convert.ToBase64String(sha256),
            UseChunkEncoding = false,
        };
        return (await client.PutObjectAsync(request, ct)).ETag;
    }

    /// <summary>Starts a multipart upload of a cloud copy; with <paramref name="withSha256"/> every part carries its checksum.</summary>
    internal Task<S3MultipartUpload> StartMultipartAsync(string key, string contentType, bool withSha256, CancellationToken ct) =>
        S3MultipartUpload.StartAsync(client, Bucket, key, contentType, withSha256, ct);

    /// <summary>
    /// Aborts every multipart upload of <paramref name="key"/> still open, and returns how many: parts that an earlier
    /// try's abort could not remove, the store being down or the process killed.
    /// </summary>
    public async Task<int> AbortOpenUploadsAsync(string key, CancellationToken ct)
    {
        var listed = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket, Prefix = key }, ct);
        var open = (listed.MultipartUploads ?? []).Where(u => u.Key == key).ToList();
        foreach (var upload in open)
            await client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = Bucket, Key = key, UploadId = upload.UploadId }, ct);
        return open.Count;
    }

    /// <summary>The stored object's size and the SHA-256 checksum the store keeps for it (null when it keeps none).</summary>
    public Task<(long Size, string? ChecksumSha256)?> HeadAsync(string key, CancellationToken ct) =>
        HeadAsync(new StorageLocation(Bucket, key), ct);

    /// <summary>As <see cref="HeadAsync(string, CancellationToken)"/>, for a copy where its event recorded it (ADR 0023).</summary>
    public async Task<(long Size, string? ChecksumSha256)?> HeadAsync(StorageLocation location, CancellationToken ct)
    {
        try
        {
            var response = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest
            {
                BucketName = location.Bucket,
                Key = location.ObjectKey,
                ChecksumMode = ChecksumMode.ENABLED,
            }, ct);
            return (response.ContentLength, response.ChecksumSHA256);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Reads the stored object back and hashes it as it streams in; null when there is no such object.</summary>
    public async Task<(long Size, string Sha256)?> ReadBackAsync(string key, CancellationToken ct)
    {
        using var response = await GetOrNullAsync(key, ct);
        if (response is null)
            return null;
        await using var body = response.ResponseStream;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = new byte[81_920];
        long size = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private async Task<GetObjectResponse?> GetOrNullAsync(string key, CancellationToken ct)
    {
        try
        {
            return await client.GetObjectAsync(new GetObjectRequest { BucketName = Bucket, Key = key }, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task RemoveAsync(string key, CancellationToken ct) =>
        client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, ct);
}
