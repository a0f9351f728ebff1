using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Catalog.Sync.Storage;

/// <summary>The cloud (AWS S3) tier. Every call to that bucket goes through here.</summary>
public sealed partial class CloudTier(IAmazonS3 client, IOptions<CloudTierOptions> options)
{
    public string Bucket => options.Value.Bucket;

    public async Task<bool> BucketExistsAsync(CancellationToken ct)
    {
        try
        {
            // A prefix no key has: the answer is never truncated (the test server cannot page; ADR 0024).
            await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = "~", MaxKeys = 1 }, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task EnsureBucketAsync(CancellationToken ct)
    {
        if (!await BucketExistsAsync(ct))
            await client.PutBucketAsync(new PutBucketRequest { BucketName = Bucket, UseClientRegion = true }, ct);
    }
}
