using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.GraphQL.WebSockets;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// A REST upload without a length (chunked, raw or multipart) that goes past the limit is refused as too large, not as a body that ended
/// early: Kestrel's own body-size limit, which the in-memory test server does not enforce, stops the read. Over TCP,
/// on a host of its own.
/// </summary>
public sealed class OversizedChunkedUploadTests : IAsyncLifetime
{
    private readonly KestrelHost host = new("catalog_kestrel_oversized");

    public Task InitializeAsync() => host.InitializeAsync();
    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_chunked_upload_over_the_limit_is_413_file_too_large()
    {
        var user = await host.GraphQL.SignUpAsync();
        var body = new StreamContent(new OversizedBody(CatalogHost.MaxUploadBytes + 1024 * 1024)); // no length: chunked

        using var response = await host.GraphQL.Http.SendAsync(GraphQLClient.RestUpload(user.Token, body, "big.bin"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("FILE_TOO_LARGE", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_chunked_multipart_upload_over_the_limit_is_413_file_too_large()
    {
        var user = await host.GraphQL.SignUpAsync();
        var part = new StreamContent(new OversizedBody(CatalogHost.MaxUploadBytes + 1024 * 1024));
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { part, "file", "big.bin" } };

        using var response = await host.GraphQL.Http.SendAsync(GraphQLClient.Request(HttpMethod.Post, user.Token, form, "/api/files"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("FILE_TOO_LARGE", problem.GetProperty("code").GetString());
    }

    /// <summary>Zeros up to <paramref name="size"/>, read in 64 KiB pieces, of a length the client cannot know beforehand.</summary>
    private sealed class OversizedBody(long size) : Stream
    {
        private long sent;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => sent; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(Math.Min(count, 64 * 1024), size - sent);
            Array.Clear(buffer, offset, n);
            sent += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
