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
    private readonly SyncDriver sync = new(host);

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

    [Fact]
    public async Task Files_recorded_in_a_local_bucket_that_is_gone_fail_alone_and_do_not_hold_back_the_others()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        // Recorded first, so they lead every run's candidates (id order), in a bucket removed since.
        var gone = Enumerable.Range(0, SyncHost.BatchSize).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var session = host.OpenSession())
        {
            foreach (var fileId in gone)
                session.Events.StartStream<StoredFile>(fileId, FileDecisions.Upload(new UploadFile(fileId, owner.Id, "gone.bin",
                    "application/octet-stream", 10, Sha256Of(new byte[10]), new StorageLocation("catalog-local-gone", ObjectKeys.For(owner.Id, fileId))),
                    DateTimeOffset.UtcNow).Events);
            await session.SaveChangesAsync();
        }
        var kept = await sync.SeedAsync(owner, 2, size: 1024);

        var run = await sync.RunAsync(admin);

        // One file's missing bucket is that file's fault: the tier serves every other file.
        Assert.Null(run.CutShortBecause);
        Assert.Equal((gone.Count + kept.Count, kept.Count, gone.Count), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        foreach (var fileId in gone)
            Assert.StartsWith("ObjectNotFoundException", Assert.Single(await sync.EventsAsync<FileSyncFailed>(fileId)).Error, StringComparison.Ordinal);
        foreach (var (fileId, content) in kept)
            await sync.AssertInCloudAsync(owner, fileId, content);
    }
}
