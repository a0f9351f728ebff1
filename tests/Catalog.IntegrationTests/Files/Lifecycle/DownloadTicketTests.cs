using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Files.Lifecycle;

[Collection(CatalogCollection.Name)]
public sealed class DownloadTicketTests(CatalogHost host) : IAsyncLifetime
{
    // Presigned URLs are plain HTTP to the S3 server: fetched the way a browser would, without the service.
    private static readonly HttpClient Browser = new();

    private TestUser owner = null!;

    public async Task InitializeAsync()
    {
        await host.ResetDataAsync();
        owner = await host.GraphQL.SignUpAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_ticket_downloads_the_exact_bytes_from_the_local_tier_under_the_original_name()
    {
        var content = SampleFiles.Pdf(300_000);
        RandomNumberGenerator.Fill(content.AsSpan(64));
        var fileId = await host.UploadFileAsync(owner, "Quarterly report; v2, final.pdf", content, "application/pdf");
        var before = DateTimeOffset.UtcNow;

        var ticket = (await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("requestDownload");

        var text = ticket.GetProperty("url").GetString()!;
        Assert.True(Uri.IsWellFormedUriString(text, UriKind.Absolute), $"Not a well-formed URL: {text}");
        var url = new Uri(text);
        Assert.Equal(host.LocalProxy.Url.Port, url.Port);
        var expiresAt = ticket.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, before.AddMinutes(5).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(1));

        using var response = await Browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Sha256Of(content), Sha256Of(await response.Content.ReadAsByteArrayAsync()));
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Quarterly report; v2, final.pdf", disposition.FileNameStar);
    }

    [Fact]
    public async Task A_name_outside_ascii_survives_in_the_disposition()
    {
        var fileId = await host.UploadFileAsync(owner, "résumé 履歴書.txt", "bonjour"u8.ToArray(), "text/plain");

        var url = (await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed()
            .Data.GetProperty("requestDownload").GetProperty("url").GetString();

        using var response = await Browser.GetAsync(url);
        Assert.Equal("résumé 履歴書.txt", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.True(response.Content.Headers.ContentDisposition.FileName!.All(char.IsAscii));
    }

    [Fact]
    public async Task Issuing_a_ticket_records_the_access_and_counts_it_in_the_listing()
    {
        var fileId = await host.UploadFileAsync(owner, "a.bin", [1, 2, 3]);

        (await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed();
        (await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed();

        var accesses = (await host.EventsOfAsync(fileId)).OfType<FileAccessed>().ToList();
        Assert.Equal(2, accesses.Count);
        Assert.All(accesses, a =>
        {
            Assert.Equal(owner.Id, a.AccessedBy);
            Assert.Equal(AccessMethod.PresignedUrl, a.Method);
            Assert.Equal(StorageTier.Local, a.Tier);
        });
        var listed = (await host.FileAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("file");
        Assert.Equal(2, listed.GetProperty("accessCount").GetInt32());
        Assert.Equal(JsonValueKind.String, listed.GetProperty("lastAccessedAt").ValueKind);
    }

    [Fact]
    public async Task A_ticket_serves_the_files_own_type_when_identical_bytes_were_stored_first_under_another()
    {
        var content = "a,b\n1,2\n"u8.ToArray();
        await host.UploadFileAsync(owner, "first.txt", content, "text/plain");
        var csvId = await host.UploadFileAsync(owner, "second.csv", content, "text/csv");

        var url = (await host.RequestDownloadAsync(owner.Token, csvId)).ShouldSucceed()
            .Data.GetProperty("requestDownload").GetProperty("url").GetString();

        using var response = await Browser.GetAsync(url);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("second.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task A_ticket_from_the_cloud_tier_serves_the_files_own_type()
    {
        var (_, url) = await CloudOnlyTicketAsync("cold.txt", "cold words"u8.ToArray(), "text/plain");

        using var response = await Browser.GetAsync(url);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_synced_file_whose_local_object_is_gone_is_served_by_the_cloud_tier()
    {
        var content = RandomNumberGenerator.GetBytes(70_000);
        var (fileId, url) = await CloudOnlyTicketAsync("cold.bin", content, "application/octet-stream");

        using var response = await Browser.GetAsync(url);
        Assert.Equal(Sha256Of(content), Sha256Of(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal("cold.bin", response.Content.Headers.ContentDisposition!.FileNameStar);
        var access = Assert.Single((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
        Assert.Equal(StorageTier.Cloud, access.Tier);
    }

    [Fact]
    public async Task A_ticket_whose_listing_a_sync_moved_to_the_cloud_tier_before_it_signed_signs_the_cloud_copy()
    {
        var content = "moved"u8.ToArray();
        var fileId = await host.UploadFileAsync(owner, "moved.txt", content);
        var held = host.LocalProxy.HoldTraffic();
        var ticket = host.RequestDownloadAsync(owner.Token, fileId);
        await held.WaitAsync(TimeSpan.FromSeconds(30)); // the listing was read (local only); its look at the local copy waits

        await host.SyncToCloudAsync(owner.Id, fileId, content);
        await host.EvictLocalCopyAsync(fileId);
        await host.LocalBucket.DeleteAsync($"{owner.Id}/{fileId}");
        host.LocalProxy.Release();

        var url = new Uri((await ticket).ShouldSucceed().Data.GetProperty("requestDownload").GetProperty("url").GetString()!);
        Assert.Equal(host.CloudProxy.Url.Port, url.Port);
        using var response = await Browser.GetAsync(url);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_evicted_file_is_served_by_the_cloud_tier_without_asking_the_local_one()
    {
        var content = "evicted"u8.ToArray();
        var fileId = await host.UploadFileAsync(owner, "evicted.txt", content);
        await host.SyncToCloudAsync(owner.Id, fileId, content);
        // The local object is left in place on purpose: the record, not the bucket, says where to read.
        await host.EvictLocalCopyAsync(fileId);
        host.LocalProxy.ResetCounters();

        var url = new Uri((await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed()
            .Data.GetProperty("requestDownload").GetProperty("url").GetString()!);
        using var streamed = await host.GetContentAsync(owner.Token, fileId);

        Assert.Equal(host.CloudProxy.Url.Port, url.Port);
        Assert.Equal(content, await streamed.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(host.LocalProxy.RequestLines, line => line.StartsWith("GET ", StringComparison.Ordinal) || line.StartsWith("HEAD ", StringComparison.Ordinal));
        var accesses = (await host.EventsOfAsync(fileId)).OfType<FileAccessed>().ToList();
        Assert.Equal(2, accesses.Count);
        Assert.All(accesses, a => Assert.Equal(StorageTier.Cloud, a.Tier));
        Assert.Equal("CLOUD", (await host.FileAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("file").GetProperty("tier").GetString());
    }

    [Fact]
    public async Task A_synced_file_with_its_local_copy_is_still_served_locally()
    {
        var content = "both tiers"u8.ToArray();
        var fileId = await host.UploadFileAsync(owner, "warm.txt", content);
        await host.SyncToCloudAsync(owner.Id, fileId, content);

        var url = new Uri((await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed()
            .Data.GetProperty("requestDownload").GetProperty("url").GetString()!);

        Assert.Equal(host.LocalProxy.Url.Port, url.Port);
        Assert.Equal(StorageTier.Local, Assert.Single((await host.EventsOfAsync(fileId)).OfType<FileAccessed>()).Tier);
    }

    [Fact]
    public async Task Someone_elses_file_and_an_unknown_id_are_the_same_not_found()
    {
        var fileId = await host.UploadFileAsync(owner, "private.txt", "mine"u8.ToArray());
        var stranger = await host.GraphQL.SignUpAsync();
        var unknownId = Guid.CreateVersion7();

        var theirs = await host.RequestDownloadAsync(stranger.Token, fileId);
        var unknown = await host.RequestDownloadAsync(stranger.Token, unknownId);

        theirs.ShouldFailWith("NOT_FOUND");
        unknown.ShouldFailWith("NOT_FOUND");
        Assert.Equal(unknown.FirstErrorMessage.Replace(unknownId.ToString(), "ID", StringComparison.Ordinal),
            theirs.FirstErrorMessage.Replace(fileId.ToString(), "ID", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, theirs.Data.GetProperty("requestDownload").ValueKind);
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
    }

    [Fact]
    public async Task Without_a_token_no_ticket_is_issued()
    {
        var fileId = await host.UploadFileAsync(owner, "x.txt", "x"u8.ToArray());

        (await host.GraphQL.SendAsync("mutation($id: ID!) { requestDownload(id: $id) { url } }", new { id = fileId }))
            .ShouldFailWith("UNAUTHENTICATED");

        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
    }

    /// <summary>A file synced to the cloud tier whose local object is gone, and a ticket for it (served by the cloud tier).</summary>
    private async Task<(Guid FileId, Uri Url)> CloudOnlyTicketAsync(string name, byte[] content, string contentType)
    {
        var fileId = await host.UploadFileAsync(owner, name, content, contentType);
        await host.SyncToCloudAsync(owner.Id, fileId, content);
        await host.LocalBucket.DeleteAsync($"{owner.Id}/{fileId}");
        var url = new Uri((await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed()
            .Data.GetProperty("requestDownload").GetProperty("url").GetString()!);
        Assert.Equal(host.CloudProxy.Url.Port, url.Port);
        return (fileId, url);
    }
}
