using System.Net;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// The S3-compatible servers the scripts start (tools/s3-server.cjs) refuse what S3 and MinIO refuse: nothing reads,
/// lists or overwrites a bucket without the access key.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class TestServerTests(CatalogHost host) : IAsyncLifetime
{
    private static readonly HttpClient Anonymous = new();

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Unsigned_requests_are_refused_and_change_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();
        var fileId = await host.UploadFileAsync(user, "kept.txt", "kept"u8.ToArray(), "text/plain");
        var key = $"{user.Id}/{fileId}";

        using var read = await Anonymous.GetAsync(new Uri(TestEnvironment.LocalS3, $"catalog-local/{key}"));
        using var list = await Anonymous.GetAsync(new Uri(TestEnvironment.LocalS3, "catalog-local/"));
        using var overwrite = await Anonymous.PutAsync(new Uri(TestEnvironment.LocalS3, $"catalog-local/{key}"), new ByteArrayContent("pwned"u8.ToArray()));
        using var cloud = await Anonymous.GetAsync(new Uri(TestEnvironment.CloudS3, "catalog-cloud/"));

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            [read.StatusCode, list.StatusCode, overwrite.StatusCode, cloud.StatusCode]);
        Assert.Equal((4L, FileCalls.Sha256Of("kept"u8.ToArray())), await host.LocalBucket.ReadAsync(key));
    }
}
