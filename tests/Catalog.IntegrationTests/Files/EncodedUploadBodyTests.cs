using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.Infrastructure;
using Marten;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// A body that carries a <c>Content-Encoding</c> is refused with 415 (RFC 9110 §8.4), at <c>/api/files</c> and at
/// <c>/graphql</c>: the service reads bytes as sent, so a gzip upload was kept as the file, compressed bytes under the
/// client's name and type.
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
    public async Task A_GraphQL_multipart_upload_with_a_content_coding_is_415_and_stores_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();
        var form = new MultipartFormDataContent
        {
            { new StringContent("""{"query":"mutation($file: Upload!){ uploadFile(file: $file){ id } }","variables":{"file":null}}"""), "operations" },
            { new StringContent("""{"0":["variables.file"]}"""), "map" },
            { new ByteArrayContent(Gzip(Encoding.ASCII.GetBytes(new string('z', 2000)))), "0", "notes.txt" },
        };
        form.Headers.TryAddWithoutValidation("Content-Encoding", "gzip");
        var request = GraphQLClient.Request(HttpMethod.Post, user.Token, form);
        request.Headers.Add("GraphQL-Require-Preflight", "1");

        var response = await host.GraphQL.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        response.ShouldFailWith("UNSUPPORTED_MEDIA_TYPE");
        Assert.Contains("Content-Encoding 'gzip'", response.FirstErrorMessage);
        await host.NothingStoredForAsync(user);
    }

    [Fact]
    public async Task A_gzipped_GraphQL_operation_is_415_and_runs_nothing()
    {
        var email = $"user-{Guid.NewGuid():N}@example.test";
        var operation = JsonSerializer.SerializeToUtf8Bytes(new
        {
            query = "mutation($input: CredentialsInput!) { signUp(input: $input) { token } }",
            variables = new { input = new { email, password = "correct horse battery" } },
        });
        var content = new ByteArrayContent(Gzip(operation));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        content.Headers.TryAddWithoutValidation("Content-Encoding", "gzip");

        var response = await host.GraphQL.SendAsync(GraphQLClient.Request(HttpMethod.Post, null, content));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        response.ShouldFailWith("UNSUPPORTED_MEDIA_TYPE");
        await using var session = host.OpenSession();
        Assert.False(await session.Query<UserAccount>().AnyAsync(u => u.Email == email));
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
