using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalog.Sync.Storage;

/// <summary>The cloud (AWS S3) tier. Every call to that bucket goes through here.</summary>
public sealed partial class CloudTier(
    IAmazonS3 client,
    [FromKeyedServices(CloudTier.PublicClientKey)] IAmazonS3 publicClient,
    [FromKeyedServices(CloudTier.DownloadClientKey)] IAmazonS3 downloadClient,
    IOptions<CloudTierOptions> options)
{
    /// <summary>
    /// The client of downloads (reads and size checks for a waiting client): a stalled store fails a wait after
    /// <c>RequestTimeout</c>, once, where the sync's client tries three times (ADR 0095).
    /// </summary>
    public const string DownloadClientKey = "cloud-tier-downloads";

    /// <summary>The client that signs the URLs clients are given, for <see cref="CloudTierOptions.PublicServiceUrl"/>.</summary>
    public const string PublicClientKey = "cloud-tier-public";

    public string Bucket => options.Value.Bucket;

    public async Task<bool> BucketExistsAsync(CancellationToken ct)
    {
        try
        {
            // HEAD, not a one-key listing: a truncated listing needs a continuation token, which the S3-compatible
            // test server fails to make (500) once the bucket holds two objects.
            await client.HeadBucketAsync(new HeadBucketRequest { BucketName = Bucket }, ct);
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
