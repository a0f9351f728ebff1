using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Transfer;
using Microsoft.Extensions.DependencyInjection;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Sync;

/// <summary>
/// A copy is read where its event recorded it, bucket included (ADR 0023): files stored before <c>Storage:Local:Bucket</c>
/// was changed are still copied to the cloud tier from the bucket they are in.
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class RecordedBucketTests(SyncHost host) : IAsyncLifetime
{
    private const string EarlierBucket = "catalog-local-earlier";

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_file_recorded_in_an_earlier_local_bucket_is_copied_from_that_bucket()
    {
        using var earlier = new StorageProbe(TestEnvironment.LocalS3, EarlierBucket);
        await earlier.CreateAsync();
        var (ownerId, fileId) = (Guid.NewGuid(), Guid.NewGuid());
        var content = SampleFiles.RandomBinary(70_000);
        var key = ObjectKeys.For(ownerId, fileId);
        await earlier.PutAsync(key, content);
        var copier = host.Host.Services.GetRequiredService<CloudCopier>();

        var (location, verifiedSha256) = await copier.CopyAsync(
            new FileToCopy(fileId, ownerId, new StorageLocation(EarlierBucket, key), content.Length, Sha256Of(content), "application/octet-stream"),
            CancellationToken.None);

        Assert.Equal(Sha256Of(content), verifiedSha256);
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.CloudBucket.ReadAsync(location.ObjectKey));
        Assert.False(await host.LocalBucket.ExistsAsync(key)); // the configured bucket never had it
    }
}
