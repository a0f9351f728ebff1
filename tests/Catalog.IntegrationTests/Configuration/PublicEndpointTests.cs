using System.Net;
using Alba;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Configuration;

/// <summary>
/// Presigned URLs name the host clients reach each tier at (Storage:Local:PublicEndpoint,
/// Storage:Cloud:PublicServiceUrl) and work there: here "localhost" for servers the service reaches as 127.0.0.1, as
/// docker-compose's service reaches MinIO as minio:9000.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class PublicEndpointTests(CatalogHost host) : IAsyncLifetime
{
    private static readonly HttpClient Browser = new();

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Download_and_upload_urls_name_the_public_hosts_and_work_there()
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog")!;
        await using var api = await AlbaHost.For<Program>(web =>
        {
            CatalogHost.ConfigureTestSettings(web, connectionString);
            web.UseSetting("Storage:Local:PublicEndpoint", new UriBuilder(TestEnvironment.LocalS3) { Host = "localhost" }.Uri.ToString());
            web.UseSetting("Storage:Cloud:PublicServiceUrl", new UriBuilder(TestEnvironment.CloudS3) { Host = "localhost" }.Uri.ToString());
        });
        var graphql = new GraphQLClient(api.Server.CreateClient());
        var user = await graphql.SignUpAsync();
        var content = "public words"u8.ToArray();
        var local = (await graphql.UploadAsync(user.Token, "local.txt", content, "text/plain")).ShouldSucceed()
            .Data.GetProperty("uploadFile").GetProperty("id").GetGuid();
        var cold = RandomBytes();
        var cloud = (await graphql.UploadAsync(user.Token, "cloud.bin", cold)).ShouldSucceed()
            .Data.GetProperty("uploadFile").GetProperty("id").GetGuid();
        await host.SyncToCloudAsync(user.Id, cloud, cold);
        await host.LocalBucket.DeleteAsync($"{user.Id}/{cloud}");

        foreach (var (id, bytes, port) in new[] { (local, content, TestEnvironment.LocalS3.Port), (cloud, cold, TestEnvironment.CloudS3.Port) })
        {
            var url = new Uri((await graphql.SendAsync("mutation($id: ID!) { requestDownload(id: $id) { url } }", new { id }, user.Token))
                .ShouldSucceed().Data.GetProperty("requestDownload").GetProperty("url").GetString()!);
            Assert.Equal(("localhost", port), (url.Host, url.Port));
            using var download = await Browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Sha256Of(bytes), Sha256Of(await download.Content.ReadAsByteArrayAsync()));
        }

        var upload = (await graphql.SendAsync(
                "mutation($input: BeginUploadInput!) { beginUpload(input: $input) { url headers { name value } } }",
                new { input = new { fileName = "direct.txt", contentType = "text/plain", size = content.LongLength, sha256 = Sha256Of(content) } }, user.Token))
            .ShouldSucceed().Data.GetProperty("beginUpload");
        var putUrl = new Uri(upload.GetProperty("url").GetString()!);
        Assert.Equal("localhost", putUrl.Host);
        using var put = new HttpRequestMessage(HttpMethod.Put, putUrl) { Content = new ByteArrayContent(content) };
        foreach (var header in upload.GetProperty("headers").EnumerateArray())
            put.Content.Headers.TryAddWithoutValidation(header.GetProperty("name").GetString()!, header.GetProperty("value").GetString());
        using var stored = await Browser.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
    }

    private static byte[] RandomBytes() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(3000);
}
