using System.Net;
using System.Text.Json;
using Catalog.Domain.Files;
using Marten;

namespace Catalog.IntegrationTests.Infrastructure;

public static class StorageAssertions
{
    /// <summary>A refused upload left no object in the local tier, no unfinished multipart upload and no upload event.</summary>
    public static async Task NothingStoredForAsync(this CatalogHost host, TestUser user)
    {
        Assert.Empty(await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
        Assert.Empty(await host.LocalBucket.IncompleteUploadsUnderAsync($"{user.Id}/"));
        await using var session = host.OpenSession();
        Assert.Equal(0, await session.Events.QueryRawEventDataOnly<FileUploaded>().CountAsync(e => e.OwnerId == user.Id));
    }

    /// <summary>The answer to a request the store failed: 503 STORAGE_UNAVAILABLE with a problem body, to be tried again.</summary>
    public static async Task ShouldBeUnavailableProblem(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("STORAGE_UNAVAILABLE", problem.GetProperty("code").GetString());
    }

    /// <summary>A REST upload of <paramref name="content"/> as the raw request body.</summary>
    public static Task<HttpResponseMessage> PostRawUploadAsync(this CatalogHost host, string token, byte[] content, CancellationToken ct = default) =>
        host.GraphQL.Http.SendAsync(GraphQLClient.RestUpload(token, new ByteArrayContent(content), "big.bin"), ct);
}
