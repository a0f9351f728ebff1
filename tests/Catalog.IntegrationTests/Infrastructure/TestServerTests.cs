using System.Net;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// The S3-compatible servers the scripts start (tools/s3-server.cjs) refuse what S3 and MinIO refuse: nothing reads,
/// lists or overwrites a bucket without the access key, and a presigned URL works only as it was signed.
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

    [Theory]
    [InlineData("signature")]
    [InlineData("disposition dropped")]
    [InlineData("type changed")]
    public async Task A_presigned_url_changed_after_signing_is_refused(string change)
    {
        var user = await host.GraphQL.SignUpAsync();
        var fileId = await host.UploadFileAsync(user, "page.txt", "just words"u8.ToArray(), "text/plain");
        var url = (await host.RequestDownloadAsync(user.Token, fileId)).ShouldSucceed()
            .Data.GetProperty("requestDownload").GetProperty("url").GetString()!;
        using (var signed = await Anonymous.GetAsync(url))
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);

        var changed = change switch
        {
            "signature" => System.Text.RegularExpressions.Regex.Replace(url, "X-Amz-Signature=([0-9a-f])", m => "X-Amz-Signature=" + (m.Groups[1].Value == "0" ? "1" : "0")),
            "disposition dropped" => System.Text.RegularExpressions.Regex.Replace(url, "&?response-content-disposition=[^&]*", ""),
            _ => url.Replace("response-content-type=text%2Fplain", "response-content-type=text%2Fhtml", StringComparison.Ordinal),
        };
        Assert.NotEqual(url, changed);

        using var response = await Anonymous.GetAsync(changed);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
