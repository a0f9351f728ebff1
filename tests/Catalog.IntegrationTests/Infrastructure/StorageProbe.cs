using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>Looks into a bucket with a client of its own, to check what the service really stored.</summary>
public sealed class StorageProbe(Uri endpoint, string bucket) : IDisposable
{
    private readonly AmazonS3Client client = new(
        new BasicAWSCredentials(TestEnvironment.AccessKey, TestEnvironment.SecretKey),
        new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    /// <summary>Every key under <paramref name="prefix"/>, however many pages the listing takes.</summary>
    public async Task<IReadOnlyList<string>> KeysUnderAsync(string prefix)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        while (true)
        {
            var response = await client.ListObjectsV2Async(request);
            keys.AddRange(response.S3Objects?.Select(o => o.Key) ?? []);
            if (response.IsTruncated != true)
                return keys;
            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    /// <summary>Keys of multipart uploads started under <paramref name="prefix"/> and neither completed nor aborted.</summary>
    public async Task<IReadOnlyList<string>> IncompleteUploadsUnderAsync(string prefix)
    {
        var response = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = prefix });
        return response.MultipartUploads?.Select(u => u.Key).ToList() ?? [];
    }

    public async Task<(long Size, string Sha256)> ReadAsync(string key)
    {
        using var response = await client.GetObjectAsync(bucket, key);
        await using var body = response.ResponseStream;
        var hash = await SHA256.HashDataAsync(body);
        return (response.ContentLength, Convert.ToHexStringLower(hash));
    }

    public async Task<(string? ContentType, string? ContentEncoding)> ContentHeadersAsync(string key)
    {
        var response = await client.GetObjectMetadataAsync(bucket, key);
        return (response.Headers.ContentType, response.Headers.ContentEncoding);
    }

    public async Task<bool> ExistsAsync(string key)
    {
        try
        {
            await client.GetObjectMetadataAsync(bucket, key);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task PutAsync(string key, byte[] content, string contentType = "application/octet-stream")
    {
        using var body = new MemoryStream(content);
        await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = key, InputStream = body, ContentType = contentType, UseChunkEncoding = false,
        });
    }

    public Task DeleteAsync(string key) => client.DeleteObjectAsync(bucket, key);

    /// <summary>Makes the bucket if the server has none of that name yet.</summary>
    public async Task CreateAsync()
    {
        if (!(await client.ListBucketsAsync()).Buckets?.Any(b => b.BucketName == bucket) ?? true)
            await client.PutBucketAsync(bucket);
    }

    public void Dispose() => client.Dispose();
}
