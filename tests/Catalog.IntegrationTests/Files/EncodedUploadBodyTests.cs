using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// An upload whose body carries a <c>Content-Encoding</c> is refused with 415 (RFC 9110 §8.4): the service stores bytes
/// as sent, so a gzip body was kept as the file, compressed bytes under the client's name and type.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class EncodedUploadBodyTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("gzip", true)]
    [InlineData("gzip", false)]   // declared, but the body is no gzip at all
    [InlineData("br", false)]
    [InlineData("identity, gzip", true)]
    public async Task A_REST_upload_with_a_content_coding_is_415_and_stores_nothing(string coding, bool reallyGzipped)
    {
        var user = await host.GraphQL.SignUpAsync();
        var text = Encoding.ASCII.GetBytes(new string('z', 2000));
        var content = new ByteArrayContent(reallyGzipped ? Gzip(text) : text);
        content.Headers.TryAddWithoutValidation("Content-Encoding", coding);
        using var request = GraphQLClient.RestUpload(user.Token, content, "notes.bin", "application/octet-stream");

        using var response = await host.GraphQL.Http.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{(int)response.StatusCode} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", problem.GetProperty("code").GetString());
        Assert.Contains("Content-Encoding", problem.GetProperty("title").GetString());
        await host.NothingStoredForAsync(user);
    }

    [Fact]
    public async Task An_identity_coding_is_the_bytes_as_they_are()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("plain"));
        content.Headers.TryAddWithoutValidation("Content-Encoding", "identity");
        using var request = GraphQLClient.RestUpload(user.Token, content, "plain.txt", "text/plain");

        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(bytes);
        return output.ToArray();
    }
}
