using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace Catalog.Sync.Storage;

/// <summary>
/// One multipart upload through the AWS SDK, for either tier. Parts go up from memory, each with an optional SHA-256
/// checksum and an optional MD5, sent as Content-MD5 and checked against the part's ETag (ADR 0066). The upload ends
/// completed with the parts sent, or aborted by its id.
/// </summary>
internal sealed class S3MultipartUpload(IAmazonS3 s3, string bucket, string key, string uploadId)
{
    private readonly List<PartETag> parts = [];

    public int PartCount => parts.Count;

    /// <summary>With <paramref name="withSha256"/> every part must carry its SHA-256 checksum.</summary>
    public static async Task<S3MultipartUpload> StartAsync(
        IAmazonS3 s3, string bucket, string key, string contentType, bool withSha256, CancellationToken ct)
    {
        var response = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = contentType,
            ChecksumAlgorithm = withSha256 ? ChecksumAlgorithm.SHA256 : null,
        }, ct);
        return new S3MultipartUpload(s3, bucket, key, response.UploadId);
    }

    public async Task SendPartAsync(byte[] buffer, int length, byte[]? sha256, byte[]? md5, CancellationToken ct)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        var number = parts.Count + 1;
        var checksum = sha256 is null ? null : Convert.ToBase64String(sha256);
        var response = await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = number,
            PartSize = length,
            InputStream = body,
            ChecksumSHA256 = checksum,
            MD5Digest = md5 is null ? null : Convert.ToBase64String(md5),
            // The part is in memory, so its SHA-256 can be signed up front: no aws-chunked framing for the store to undo.
            UseChunkEncoding = false,
        }, ct);
        if (md5 is not null)
            StoredEtags.Confirm(key, response.ETag, md5, $"part {number}");
        // An upload started with a checksum algorithm must name each part's checksum when it is completed.
        parts.Add(new PartETag(number, response.ETag) { ChecksumSHA256 = checksum });
    }

    public Task CompleteAsync(CancellationToken ct) =>
        s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = parts,
        }, ct);

    /// <summary>
    /// Best effort, and never cancelled: an abort that fails leaves stored parts until the bucket's lifecycle rule
    /// (MinIO: 24 h by default) removes them; the failure that led here is what the caller sees.
    /// </summary>
    public async Task AbortQuietlyAsync(ILogger logger)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not abort multipart upload {UploadId} of {ObjectKey}; its parts stay until the store expires them",
                uploadId, key);
        }
    }
}
