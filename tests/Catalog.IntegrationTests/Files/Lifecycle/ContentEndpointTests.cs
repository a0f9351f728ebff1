using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Files.Lifecycle;

[Collection(CatalogCollection.Name)]
public sealed class ContentEndpointTests(CatalogHost host) : IAsyncLifetime
{
    private static readonly byte[] Content = RandomNumberGenerator.GetBytes(1000);

    private TestUser owner = null!;
    private Guid fileId;

    public async Task InitializeAsync()
    {
        await host.ResetDataAsync();
        owner = await host.GraphQL.SignUpAsync();
        fileId = await host.UploadFileAsync(owner, "notes ü.txt", Content, "text/plain");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string ETag => $"\"{Sha256Of(Content)}\"";

    [Fact]
    public async Task The_whole_file_comes_with_its_type_length_tag_and_name()
    {
        using var response = await host.GetContentAsync(owner.Token, fileId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Content.Length, response.Content.Headers.ContentLength);
        Assert.Equal(ETag, response.Headers.ETag!.Tag);
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("notes ü.txt", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task HEAD_answers_the_headers_of_a_GET_without_bytes_and_without_an_access()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/api/files/{fileId}/content");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner.Token);
        request.Headers.Range = new RangeHeaderValue(10, 19);
        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(10, response.Content.Headers.ContentLength);
        Assert.Equal("bytes 10-19/1000", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(ETag, response.Headers.ETag!.Tag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(await host.EventsOfAsync(fileId), e => e is FileAccessed);
    }

    [Fact]
    public async Task HEAD_of_someone_elses_file_is_404()
    {
        var stranger = await host.GraphQL.SignUpAsync();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/api/files/{fileId}/content");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stranger.Token);

        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("bytes=10-19", 10, 19)]
    [InlineData("bytes=990-", 990, 999)]
    [InlineData("bytes=-5", 995, 999)]
    [InlineData("bytes=900-5000", 900, 999)]
    [InlineData("bytes=0-0", 0, 0)]
    [InlineData("bytes=-5000", 0, 999)]
    public async Task A_single_range_is_206_with_exactly_those_bytes(string range, int first, int last)
    {
        using var response = await host.GetContentAsync(owner.Token, fileId, h => h.Range = RangeHeaderValue.Parse(range));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(Content[first..(last + 1)], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(last - first + 1, response.Content.Headers.ContentLength);
        Assert.Equal($"bytes {first}-{last}/{Content.Length}", response.Content.Headers.ContentRange!.ToString());
        Assert.Equal(ETag, response.Headers.ETag!.Tag);
    }

    [Theory]
    [InlineData("bytes=1000-")]
    [InlineData("bytes=5000-6000")]
    [InlineData("bytes=-0")]
    public async Task A_range_outside_the_file_is_416_with_its_size(string range)
    {
        using var response = await host.GetContentAsync(owner.Token, fileId, h => h.TryAddWithoutValidation("Range", range));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{Content.Length}", response.Content.Headers.ContentRange!.ToString());
        await ShouldBeProblem(response, 416, "BAD_USER_INPUT");
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
    }

    [Theory]
    [InlineData("bytes=0-1,5-6")]
    [InlineData("items=0-1")]
    [InlineData("bytes=5-1")]
    [InlineData("nonsense")]
    public async Task A_range_this_endpoint_does_not_serve_is_ignored_for_the_whole_file(string range)
    {
        using var response = await host.GetContentAsync(owner.Token, fileId, h => h.TryAddWithoutValidation("Range", range));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("\"stale\"")]
    [InlineData("garbage")] // a validator that does not parse cannot match either (RFC 9110 13.1.5)
    [InlineData("Sun, 06 Nov 2094 08:49:37 GMT")] // not a date: 2094-11-06 is a Thursday
    public async Task An_if_range_that_does_not_match_gets_the_whole_file(string ifRange)
    {
        using var response = await host.GetContentAsync(owner.Token, fileId, h =>
        {
            h.Range = RangeHeaderValue.Parse("bytes=0-9");
            h.TryAddWithoutValidation("If-Range", ifRange);
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content.Length, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task An_if_match_that_does_not_match_is_412_and_no_access()
    {
        using var response = await host.GetContentAsync(owner.Token, fileId, h => h.TryAddWithoutValidation("If-Match", "\"nope\""));
        using var head = await host.GraphQL.Http.SendAsync(HeadWith("If-Match", "\"nope\""));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("CONFLICT", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, head.StatusCode);
        Assert.IsType<FileUploaded>(Assert.Single(await host.EventsOfAsync(fileId)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public async Task An_if_match_that_matches_gets_the_file(string? tag)
    {
        using var response = await host.GetContentAsync(owner.Token, fileId, h => h.TryAddWithoutValidation("If-Match", tag ?? ETag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync());
    }

    private HttpRequestMessage HeadWith(string header, string value)
    {
        var request = GraphQLClient.Request(HttpMethod.Head, owner.Token, null, $"/api/files/{fileId}/content");
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    [Fact]
    public async Task A_matching_if_none_match_is_304_and_still_an_access()
    {
        using var response = await host.GetContentAsync(owner.Token, fileId, h => h.IfNoneMatch.ParseAdd(ETag));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(ETag, response.Headers.ETag!.Tag);
        var access = Assert.Single((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
        Assert.Equal(AccessMethod.Stream, access.Method);
    }

    [Theory]
    [InlineData("\"something-else\"")]
    [InlineData("W/\"0000\"")]
    public async Task A_different_if_none_match_gets_the_file(string tag)
    {
        using var response = await host.GetContentAsync(owner.Token, fileId, h => h.IfNoneMatch.ParseAdd(tag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Every_success_is_an_access_with_method_tier_client_and_counts_in_the_listing()
    {
        var context = await host.Host.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = $"/api/files/{fileId}/content";
            c.Request.Headers.Authorization = $"Bearer {owner.Token}";
            c.Request.Headers.UserAgent = "curl/8.5.0";
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        });
        Assert.Equal(200, context.Response.StatusCode);
        (await host.GetContentAsync(owner.Token, fileId, h => h.IfNoneMatch.ParseAdd(ETag))).Dispose();
        (await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed();

        var accesses = (await host.EventsOfAsync(fileId)).OfType<FileAccessed>().ToList();
        Assert.Equal(3, accesses.Count);
        Assert.Equal(new FileAccessed(fileId, owner.Id, owner.Id, AccessMethod.Stream, StorageTier.Local, "203.0.113.7", "curl/8.5.0", accesses[0].AccessedAt), accesses[0]);
        Assert.Equal([AccessMethod.Stream, AccessMethod.Stream, AccessMethod.PresignedUrl], accesses.Select(a => a.Method));
        var listed = (await host.FileAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("file");
        Assert.Equal(3, listed.GetProperty("accessCount").GetInt32());
        Assert.True(listed.GetProperty("lastAccessedAt").GetDateTimeOffset() >= accesses[^1].AccessedAt.AddSeconds(-5));
    }

    [Fact]
    public async Task A_file_larger_than_every_buffer_streams_through_intact()
    {
        var big = RandomNumberGenerator.GetBytes(6 * 1024 * 1024 + 17);
        var bigId = await host.UploadFileAsync(owner, "big.bin", big);

        using var whole = await host.GetContentAsync(owner.Token, bigId);
        using var tail = await host.GetContentAsync(owner.Token, bigId, h => h.Range = new RangeHeaderValue(5 * 1024 * 1024, null));

        Assert.Equal(Sha256Of(big), Sha256Of(await whole.Content.ReadAsByteArrayAsync()));
        Assert.Equal(big[(5 * 1024 * 1024)..], await tail.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_download_whose_listing_a_sync_moved_to_the_cloud_tier_before_it_read_starts_over_there()
    {
        var logged = host.Log.Events.Count;
        var held = host.LocalProxy.HoldTraffic();
        var download = host.GetContentAsync(owner.Token, fileId);
        await held.WaitAsync(TimeSpan.FromSeconds(30)); // the listing was read (local only); its read of the local copy waits

        await host.SyncToCloudAsync(owner.Id, fileId, Content);
        await host.EvictLocalCopyAsync(fileId);
        await host.LocalBucket.DeleteAsync($"{owner.Id}/{fileId}"); // as the sync removes it after recording the eviction
        host.LocalProxy.Release();
        using var response = await download;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(StorageTier.Cloud, Assert.Single((await host.EventsOfAsync(fileId)).OfType<FileAccessed>()).Tier);
        Assert.DoesNotContain(host.Log.Events.Skip(logged), e => e.Exception?.Message.Contains("No tier holds", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_file_whose_bytes_are_in_no_tier_is_still_reported_as_lost()
    {
        await host.LocalBucket.DeleteAsync($"{owner.Id}/{fileId}");
        var logged = host.Log.Events.Count;

        using var response = await host.GetContentAsync(owner.Token, fileId);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(host.Log.Events.Skip(logged), e => e.Exception?.Message.Contains("No tier holds the bytes", StringComparison.Ordinal) == true);
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
    }

    [Fact]
    public async Task A_file_whose_local_object_is_gone_streams_from_the_cloud_tier()
    {
        await host.SyncToCloudAsync(owner.Id, fileId, Content);
        await host.LocalBucket.DeleteAsync($"{owner.Id}/{fileId}");

        using var whole = await host.GetContentAsync(owner.Token, fileId);
        using var part = await host.GetContentAsync(owner.Token, fileId, h => h.Range = RangeHeaderValue.Parse("bytes=100-199"));

        Assert.Equal(Content, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal(Content[100..200], await part.Content.ReadAsByteArrayAsync());
        var accesses = (await host.EventsOfAsync(fileId)).OfType<FileAccessed>().ToList();
        Assert.Equal(2, accesses.Count);
        Assert.All(accesses, a => Assert.Equal(StorageTier.Cloud, a.Tier));
    }

    [Fact]
    public async Task A_range_past_the_end_of_a_local_object_shorter_than_its_record_is_503_and_no_access()
    {
        // Storage that lost bytes behind the catalog's back: the store answers the range with 416, the client asked
        // for bytes the catalog says exist.
        await host.LocalBucket.PutAsync($"{owner.Id}/{fileId}", Content[..5], "text/plain");

        using var response = await host.GetContentAsync(owner.Token, fileId, h => h.Range = RangeHeaderValue.Parse("bytes=10-20"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("STORAGE_UNAVAILABLE", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.IsType<FileUploaded>(Assert.Single(await host.EventsOfAsync(fileId)));
    }

    [Theory]
    [InlineData(5)] // bytes lost
    [InlineData(1005)] // bytes added
    public async Task A_local_object_of_another_size_than_its_record_is_503_before_any_byte_and_no_access(int storedLength)
    {
        await host.LocalBucket.PutAsync($"{owner.Id}/{fileId}", Content.Concat(Content).Take(storedLength).ToArray(), "text/plain");

        using var response = await host.GetContentAsync(owner.Token, fileId);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("STORAGE_UNAVAILABLE", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.IsType<FileUploaded>(Assert.Single(await host.EventsOfAsync(fileId)));
    }

    [Theory]
    [InlineData("bytes=0-0")]
    [InlineData("bytes=990-999")]
    public async Task A_range_of_a_local_copy_that_gained_bytes_is_503_the_store_names_its_other_total(string range)
    {
        await host.LocalBucket.PutAsync($"{owner.Id}/{fileId}", [.. Content, 1, 2, 3], "text/plain");

        using var response = await host.GetContentAsync(owner.Token, fileId, h => h.Range = RangeHeaderValue.Parse(range));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.IsType<FileUploaded>(Assert.Single(await host.EventsOfAsync(fileId)));
    }

    [Fact]
    public async Task A_synced_file_whose_local_copy_is_damaged_is_served_from_its_cloud_copy()
    {
        await host.SyncToCloudAsync(owner.Id, fileId, Content);
        await host.LocalBucket.PutAsync($"{owner.Id}/{fileId}", Content[..500], "text/plain");

        using var whole = await host.GetContentAsync(owner.Token, fileId);
        using var part = await host.GetContentAsync(owner.Token, fileId, h => h.Range = RangeHeaderValue.Parse("bytes=0-0"));
        var ticket = (await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("requestDownload");

        Assert.Equal(Content, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal(Content[..1], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(host.CloudProxy.Url.Port, new Uri(ticket.GetProperty("url").GetString()!).Port);
        var accesses = (await host.EventsOfAsync(fileId)).OfType<FileAccessed>().ToList();
        Assert.Equal(3, accesses.Count);
        Assert.All(accesses, a => Assert.Equal(StorageTier.Cloud, a.Tier));
        Assert.Contains(host.Log.Events, e => e.RenderMessage().Contains("copy is damaged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_synced_file_is_served_from_its_cloud_copy_while_the_local_tier_is_down()
    {
        await host.SyncToCloudAsync(owner.Id, fileId, Content);
        host.LocalProxy.Down();

        using var whole = await host.GetContentAsync(owner.Token, fileId);
        var ticket = (await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("requestDownload");

        Assert.Equal(Content, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal(host.CloudProxy.Url.Port, new Uri(ticket.GetProperty("url").GetString()!).Port);
    }

    [Fact]
    public async Task A_download_link_to_a_damaged_copy_with_no_other_is_refused_as_storage_unavailable()
    {
        await host.LocalBucket.PutAsync($"{owner.Id}/{fileId}", Content[..500], "text/plain");

        (await host.RequestDownloadAsync(owner.Token, fileId)).ShouldFailWith("STORAGE_UNAVAILABLE");

        Assert.IsType<FileUploaded>(Assert.Single(await host.EventsOfAsync(fileId)));
        Assert.Contains(host.Log.Events, e => e.RenderMessage().Contains("The local tier answered 500 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Identical_bytes_uploaded_again_are_not_pointed_at_a_damaged_copy()
    {
        await host.LocalBucket.PutAsync($"{owner.Id}/{fileId}", Content[..500], "text/plain");

        var againId = await host.UploadFileAsync(owner, "again.txt", Content, "text/plain");

        using var again = await host.GetContentAsync(owner.Token, againId);
        Assert.Equal(Content, await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_cloud_object_shorter_than_its_record_is_503_before_any_byte_and_no_access()
    {
        await host.SyncToCloudAsync(owner.Id, fileId, Content);
        await host.LocalBucket.DeleteAsync($"{owner.Id}/{fileId}");
        await host.CloudBucket.PutAsync($"{owner.Id}/{fileId}", Content[..5]);

        using var response = await host.GetContentAsync(owner.Token, fileId);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
    }

    [Fact]
    public async Task A_range_past_the_end_of_a_cloud_object_shorter_than_its_record_is_503_and_no_access()
    {
        await host.SyncToCloudAsync(owner.Id, fileId, Content);
        await host.LocalBucket.DeleteAsync($"{owner.Id}/{fileId}");
        await host.CloudBucket.PutAsync($"{owner.Id}/{fileId}", Content[..5]);

        using var response = await host.GetContentAsync(owner.Token, fileId, h => h.Range = RangeHeaderValue.Parse("bytes=10-20"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("STORAGE_UNAVAILABLE", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
    }

    [Fact]
    public async Task An_empty_file_is_200_with_no_bytes_and_any_range_is_416()
    {
        var emptyId = await host.UploadFileAsync(owner, "empty.txt", []);

        using var whole = await host.GetContentAsync(owner.Token, emptyId);
        using var ranged = await host.GetContentAsync(owner.Token, emptyId, h => h.Range = RangeHeaderValue.Parse("bytes=0-"));

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Empty(await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, ranged.StatusCode);
        Assert.Equal("bytes */0", ranged.Content.Headers.ContentRange!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    public async Task Without_a_valid_token_it_is_401_with_a_problem_body(string? token)
    {
        using var response = await host.GetContentAsync(token, fileId);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        await ShouldBeProblem(response, 401, "UNAUTHENTICATED");
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
    }

    [Fact]
    public async Task Someone_elses_file_and_an_unknown_id_are_the_same_404()
    {
        var stranger = await host.GraphQL.SignUpAsync();
        var unknownId = Guid.CreateVersion7();

        using var theirs = await host.GetContentAsync(stranger.Token, fileId);
        using var unknown = await host.GetContentAsync(stranger.Token, unknownId);

        var theirsBody = await ShouldBeProblem(theirs, 404, "NOT_FOUND");
        var unknownBody = await ShouldBeProblem(unknown, 404, "NOT_FOUND");
        Assert.Equal(WithoutTrace(unknownBody, unknownId), WithoutTrace(theirsBody, fileId));
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FileAccessed>());
    }

    [Fact]
    public async Task A_malformed_id_is_400()
    {
        using var response = await host.GetContentAsync(owner.Token, "not-a-guid");

        await ShouldBeProblem(response, 400, "BAD_USER_INPUT");
    }

    /// <summary>A problem body as text with the requested id and the request's trace id blanked out.</summary>
    private static string WithoutTrace(JsonElement problem, Guid id) =>
        string.Join(",", problem.EnumerateObject().Where(p => p.Name != "traceId")
            .Select(p => $"{p.Name}={p.Value.ToString().Replace(id.ToString(), "ID", StringComparison.Ordinal)}"));

    internal static async Task<JsonElement> ShouldBeProblem(HttpResponseMessage response, int status, string code)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        return body;
    }
}
