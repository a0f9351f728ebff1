using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Minio;

namespace Catalog.IntegrationTests.Sync;

/// <summary>What the stores answer when they refuse the service itself, read as the sync reads it (real servers).</summary>
[Collection(CatalogCollection.Name)]
public sealed class StorageRefusalTests(CatalogHost host)
{
    [Fact]
    public async Task A_cloud_bucket_that_does_not_exist_is_a_refusal_not_a_fault_of_one_file()
    {
        using var cloud = CloudClient(TestEnvironment.SecretKey);

        var missing = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            cloud.PutObjectAsync(new PutObjectRequest { BucketName = "no-such-bucket", Key = "a", ContentBody = "a" }));

        Assert.Equal("NoSuchBucket", missing.ErrorCode);
        Assert.True(StorageFailures.IsRefused(missing));
        Assert.False(StorageFailures.IsUnavailable(missing));
    }

    [Fact]
    public async Task Cloud_credentials_the_store_does_not_accept_are_a_refusal()
    {
        using var cloud = CloudClient("not-the-accounts-secret-key");

        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            cloud.PutObjectAsync(new PutObjectRequest { BucketName = "catalog-cloud", Key = "a", ContentBody = "a" }));

        Assert.True(StorageFailures.IsRefused(refused));
    }

    [Fact]
    public async Task A_configured_local_bucket_that_does_not_exist_is_a_refusal_and_an_earlier_one_or_a_missing_object_is_not()
    {
        var services = host.Host.Services;
        var local = services.GetRequiredService<LocalTier>();
        var misconfigured = new LocalTier(services.GetRequiredService<IMinioClient>(),
            services.GetRequiredKeyedService<IMinioClient>(LocalTier.PublicClientKey), services.GetRequiredKeyedService<IAmazonS3>(LocalTier.S3ClientKey),
            Options.Create(new LocalTierOptions { Bucket = "no-such-bucket" }), NullLogger<LocalTier>.Instance);

        var missing = await Assert.ThrowsAnyAsync<Exception>(() => misconfigured.ReadAsync(
            new StorageLocation("no-such-bucket", "a"), range: null, recordedSize: null, (_, _) => Task.CompletedTask, CancellationToken.None));
        // A copy recorded in a bucket of earlier settings (ADR 0023) that is gone since: that copy is missing, no more.
        var inEarlierBucket = await local.ReadAsync(
            new StorageLocation("no-such-bucket", "a"), range: null, recordedSize: null, (_, _) => Task.CompletedTask, CancellationToken.None);
        var found = await local.ReadAsync(
            new StorageLocation(local.Bucket, $"no-such-object-{Guid.NewGuid():N}"), range: null, recordedSize: null,
            (_, _) => Task.CompletedTask, CancellationToken.None);

        Assert.True(StorageFailures.IsRefused(missing));
        Assert.False(inEarlierBucket);
        Assert.False(found);
    }

    private static AmazonS3Client CloudClient(string secretKey) => new(
        new BasicAWSCredentials(TestEnvironment.AccessKey, secretKey),
        new AmazonS3Config
        {
            ServiceURL = TestEnvironment.CloudS3.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0,
        });
}
