using System.Security.Cryptography;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync;
using Catalog.Sync.Storage;

namespace Catalog.IntegrationTests.Sync;

/// <summary>
/// What proves a cloud copy (ADR 0069): by default the ETag of every PUT and part against the MD5 of the bytes sent;
/// reading the copy back is the other way. The proxy in front of the cloud tier flips one body byte of a PUT.
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class SyncVerificationTests(SyncHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(64 * 1024, 1)] // one PUT
    [InlineData(6 * 1024 * 1024 + 123, 2)] // two parts; the second is altered
    public async Task A_copy_the_store_received_altered_is_not_recorded_and_the_next_try_writes_it_again(int size, int alteredPut)
    {
        Assert.Equal(SyncVerification.Etag, host.SyncOptions.Verification);
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1, size))[0];
        host.CloudProxy.CorruptPut(alteredPut);

        var run = await sync.RunAsync(admin);

        Assert.Equal((1, 1, 0), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.True(host.CloudProxy.Puts > alteredPut, "the altered copy was written again");
        await sync.AssertInCloudAsync(owner, id, content);
        Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
        Assert.Empty(await host.CloudBucket.IncompleteUploadsUnderAsync($"{owner.Id}/"));
    }

    [Fact]
    public async Task A_copy_altered_on_every_try_is_never_recorded()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, _) = (await sync.SeedAsync(owner, 1))[0];
        host.CloudProxy.CorruptPut(1);

        var runTask = sync.RunAsync(admin);
        // Sync:AttemptsPerFile is 2 here: alter the second try as well, once the first has gone through.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (host.CloudProxy.Puts < 1 && DateTime.UtcNow < deadline)
            await Task.Delay(5);
        host.CloudProxy.CorruptPut(1);
        var run = await runTask;

        Assert.Equal((1, 0, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Empty(await sync.EventsAsync<FileSyncedToCloud>(id));
        Assert.Contains("ETag", Assert.Single(await sync.EventsAsync<FileSyncFailed>(id)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_no_larger_than_a_part_goes_up_as_a_plain_body_signed_with_its_sha256_and_checked_by_its_md5()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1, 64 * 1024))[0];

        var run = await sync.RunAsync(admin);

        Assert.Equal((1, 1, 0), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        var put = Assert.Single(host.CloudProxy.RequestHeads, head => head.StartsWith("PUT ", StringComparison.Ordinal) && head.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.Contains($"\r\nContent-MD5: {Convert.ToBase64String(ObjectMd5.Of(content))}\r\n", put, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"\r\nx-amz-content-sha256: {Convert.ToHexStringLower(SHA256.HashData(content))}\r\n", put, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("aws-chunked", put, StringComparison.OrdinalIgnoreCase);
        await sync.AssertInCloudAsync(owner, id, content);
    }

    [Fact]
    public async Task A_copy_the_store_refused_for_its_digest_is_sent_again_in_the_same_run()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1, 64 * 1024))[0];
        host.CloudProxy.AnswerPut(1, 400, "BadDigest"); // as S3 and MinIO answer a body that does not match its Content-MD5

        var run = await sync.RunAsync(admin);

        Assert.Equal((1, 1, 0), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Contains("BadDigest", host.CloudProxy.ErrorCodes);
        Assert.Empty(await sync.EventsAsync<FileSyncFailed>(id));
        await sync.AssertInCloudAsync(owner, id, content);
    }

    [Theory]
    [InlineData(64 * 1024)]
    [InlineData(6 * 1024 * 1024 + 123)]
    public async Task Reading_back_verifies_a_copy_as_well(int size)
    {
        using var _ = host.ChangeSyncOptions(o => o.Verification = SyncVerification.ReadBack);
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1, size))[0];
        host.CloudProxy.CorruptPut(1);

        var run = await sync.RunAsync(admin);

        Assert.Equal((1, 1, 0), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        await sync.AssertInCloudAsync(owner, id, content);
        Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
    }
}
