using System.Diagnostics;
using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;
using static Catalog.IntegrationTests.Infrastructure.StorageAssertions;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// A local tier that accepts connections and then stops answering, or stops sending midway, fails the request after
/// <c>Storage:Local:StallTimeout</c> (<see cref="CatalogHost.StallTimeout"/> here) instead of holding it for good. The
/// proxy in front of the local tier holds the traffic; each test gives up on its own after <see cref="Patience"/>.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class StalledStoreTests(CatalogHost host) : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => host.ResetDataAsync();

    [Theory]
    [InlineData(256 * 1024)] // one PUT streamed from the request
    [InlineData(6 * MiB + 3)] // a multipart upload
    public async Task An_upload_to_a_store_that_never_answers_is_a_retryable_error_that_leaves_nothing(int size)
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(size);
        var held = host.LocalProxy.HoldTraffic();
        var clock = Stopwatch.StartNew();

        using var response = await host.PostRawUploadAsync(user.Token, content).WaitAsync(Patience);

        Assert.True(held.IsCompleted, "the upload reached the held store");
        Assert.InRange(clock.Elapsed, CatalogHost.StallTimeout - CatalogHost.TimerSlack, Patience);
        await ShouldBeUnavailableProblem(response);
        host.LocalProxy.DropHeld();
        host.LocalProxy.Up();
        await host.NothingStoredForAsync(user);

        using var again = await host.PostRawUploadAsync(user.Token, content);
        Assert.True(again.StatusCode == HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_download_from_a_store_that_never_answers_is_a_retryable_error()
    {
        var user = await host.GraphQL.SignUpAsync();
        var id = await host.UploadFileAsync(user, "a.bin", SampleFiles.RandomBinary(64 * 1024));
        host.LocalProxy.StallAnswersAfter(0);

        using var response = await host.GetContentAsync(user.Token, id).WaitAsync(Patience);

        await ShouldBeUnavailableProblem(response);
    }

    [Fact]
    public async Task A_download_the_store_stops_sending_midway_is_cut_off_not_left_waiting()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(4 * MiB);
        var id = await host.UploadFileAsync(user, "a.bin", content);
        host.LocalProxy.StallAnswersAfter(MiB);
        var clock = Stopwatch.StartNew();

        // An answer cut off once it has started reaches the test server's client as the server's exception; a download
        // that stalled before its answer started would be a 503 instead.
        var cutOff = await Assert.ThrowsAnyAsync<Exception>(() => host.GetContentAsync(user.Token, id).WaitAsync(Patience));

        Assert.IsNotType<TimeoutException>(cutOff);
        Assert.Contains(Causes(cutOff), cause => cause is Catalog.Sync.Storage.StorageStalledException);
        Assert.InRange(clock.Elapsed, CatalogHost.StallTimeout - CatalogHost.TimerSlack, Patience);
        host.LocalProxy.Up();
        using var again = await host.GetContentAsync(user.Token, id);
        Assert.True(again.StatusCode == HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        Assert.Equal(Sha256Of(content), Sha256Of(await again.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_cloud_only_file_whose_store_never_answers_is_a_retryable_error_after_one_wait()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(64 * 1024);
        var id = await host.UploadFileAsync(user, "a.bin", content);
        await host.SyncToCloudAsync(user.Id, id, content);
        await host.EvictLocalCopyAsync(id);
        host.CloudProxy.StallAnswersAfter(0);
        var clock = Stopwatch.StartNew();

        using var download = await host.GetContentAsync(user.Token, id).WaitAsync(Patience);
        var link = await host.RequestDownloadAsync(user.Token, id).WaitAsync(Patience);

        await ShouldBeUnavailableProblem(download);
        link.ShouldFailWith("STORAGE_UNAVAILABLE");
        // One wait of Storage:Cloud:RequestTimeout each, not one per try of the SDK's three.
        Assert.InRange(clock.Elapsed, 2 * (CatalogHost.StallTimeout - CatalogHost.TimerSlack), 3 * CatalogHost.StallTimeout);
    }

    [Fact]
    public async Task A_cloud_download_the_store_stops_sending_midway_is_cut_off_not_left_waiting()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(4 * MiB);
        var id = await host.UploadFileAsync(user, "a.bin", content);
        await host.SyncToCloudAsync(user.Id, id, content);
        await host.EvictLocalCopyAsync(id);
        host.CloudProxy.StallAnswersAfter(MiB);

        var cutOff = await Assert.ThrowsAnyAsync<Exception>(() => host.GetContentAsync(user.Token, id).WaitAsync(Patience));

        Assert.IsNotType<TimeoutException>(cutOff);
        Assert.Contains(Causes(cutOff), cause => cause is Catalog.Sync.Storage.StorageStalledException);
    }

    private static IEnumerable<Exception> Causes(Exception e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
            yield return cause;
    }
}
