using System.Net;
using Catalog.Api.Files.Download;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalog.IntegrationTests.Sync;

/// <summary>A download URL of the local copy keeps working until it expires, even when the sync evicts local copies.</summary>
[Collection(SyncCollection.Name)]
public sealed class EvictionAndDownloadUrlTests(SyncHost host) : IAsyncLifetime
{
    private static readonly HttpClient Browser = new();
    private readonly SyncDriver sync = new(host);
    private DownloadOptions Downloads => host.Host.Services.GetRequiredService<IOptions<DownloadOptions>>().Value;
    private TimeSpan lifetime;

    public Task InitializeAsync()
    {
        lifetime = Downloads.UrlLifetime;
        return host.ResetAsync();
    }

    public Task DisposeAsync()
    {
        Downloads.UrlLifetime = lifetime;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_local_copy_a_working_url_points_at_is_evicted_only_once_the_url_expired()
    {
        using var _ = host.ChangeSyncOptions(o => o.DeleteLocalAfterSync = true);
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 2);
        var (held, expired) = (files[0], files[1]);
        var url = await UrlAsync(owner, held.Id);
        Downloads.UrlLifetime = TimeSpan.FromSeconds(1);
        await UrlAsync(owner, expired.Id);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var run = await sync.RunAsync(admin);

        Assert.Equal(2, run.FilesSynced);
        Assert.Empty(await sync.EventsAsync<LocalCopyEvicted>(held.Id));
        Assert.Equal(StorageTier.LocalAndCloud, (await sync.ListingAsync(held.Id)).Tier);
        using (var response = await Browser.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(held.Content, await response.Content.ReadAsByteArrayAsync());
        }
        Assert.Single(await sync.EventsAsync<LocalCopyEvicted>(expired.Id));
        Assert.Equal(StorageTier.Cloud, (await sync.ListingAsync(expired.Id)).Tier);
    }

    private async Task<string> UrlAsync(TestUser owner, Guid fileId)
    {
        var ticket = (await host.GraphQL.SendAsync("mutation($id: ID!) { requestDownload(id: $id) { url } }", new { id = fileId }, owner.Token))
            .ShouldSucceed().Data.GetProperty("requestDownload");
        return ticket.GetProperty("url").GetString()!;
    }
}
