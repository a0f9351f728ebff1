using System.Net;
using System.Security.Cryptography;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.IntegrationTests.Files;

[Collection(CatalogCollection.Name)]
public sealed class UploadTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_upload_stores_the_bytes_then_the_event_and_lists_the_file()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = "hello, hybrid storage\n"u8.ToArray();

        var file = (await host.GraphQL.UploadAsync(user.Token, "hello.txt", content, "text/plain; charset=utf-8"))
            .ShouldSucceed().Data.GetProperty("uploadFile");
        var fileId = file.GetProperty("id").GetGuid();

        Assert.Equal("hello.txt", file.GetProperty("name").GetString());
        Assert.Equal(content.Length, file.GetProperty("size").GetInt64());
        Assert.Equal("text/plain", file.GetProperty("contentType").GetString());
        Assert.Equal("LOCAL", file.GetProperty("tier").GetString());
        Assert.Equal(Sha256Of(content), file.GetProperty("sha256").GetString());

        var stored = await host.LocalBucket.ReadAsync($"{user.Id}/{fileId}");
        Assert.Equal((content.LongLength, Sha256Of(content)), stored);

        await using var session = host.OpenSession();
        var events = await session.Events.FetchStreamAsync(fileId);
        var uploaded = Assert.IsType<FileUploaded>(Assert.Single(events).Data);
        Assert.Equal(new StorageLocation("catalog-local", $"{user.Id}/{fileId}"), uploaded.Location);
        Assert.Equal(user.Id, uploaded.OwnerId);

        // The answer is built from the appended event, not read back: it must be the row that was stored.
        var listed = await session.LoadAsync<FileListing>(fileId);
        Assert.NotNull(listed);
        Assert.Equal(listed.UploadedAt, file.GetProperty("uploadedAt").GetDateTimeOffset());
        Assert.Equal(
            (listed.OwnerId, listed.Name, listed.Size, listed.Sha256, listed.AccessCount),
            (file.GetProperty("ownerId").GetGuid(), file.GetProperty("name").GetString(), file.GetProperty("size").GetInt64(),
                file.GetProperty("sha256").GetString(), file.GetProperty("accessCount").GetInt32()));
    }

    [Fact]
    public async Task A_file_larger_than_every_buffer_streams_through_intact()
    {
        var user = await host.GraphQL.SignUpAsync();
        // Larger than the spool buffer (128 KiB) and the Minio client's part size (5 MiB), below the test limit.
        var content = SampleFiles.RandomBinary(6 * 1024 * 1024 + 123);

        var file = (await host.GraphQL.UploadAsync(user.Token, "big.bin", content)).ShouldSucceed().Data.GetProperty("uploadFile");

        var stored = await host.LocalBucket.ReadAsync($"{user.Id}/{file.GetProperty("id").GetGuid()}");
        Assert.Equal((content.LongLength, Sha256Of(content)), stored);
        Assert.Equal(Sha256Of(content), file.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task An_empty_file_is_a_file()
    {
        var user = await host.GraphQL.SignUpAsync();

        var file = (await host.GraphQL.UploadAsync(user.Token, "empty.txt", [])).ShouldSucceed().Data.GetProperty("uploadFile");

        Assert.Equal(0, file.GetProperty("size").GetInt64());
        Assert.Equal(Sha256Of([]), file.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_nothing_is_stored()
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await host.GraphQL.UploadAsync(user.Token, "too-big.bin", new byte[CatalogHost.MaxUploadBytes + 1]);

        response.ShouldFailWith("FILE_TOO_LARGE");
        await host.NothingStoredForAsync(user);
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_accepted()
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await host.GraphQL.UploadAsync(user.Token, "exact.bin", new byte[CatalogHost.MaxUploadBytes]);

        Assert.Equal(CatalogHost.MaxUploadBytes, response.ShouldSucceed().Data.GetProperty("uploadFile").GetProperty("size").GetInt64());
    }

    [Fact]
    public async Task An_anonymous_upload_is_unauthenticated_and_nothing_is_stored()
    {
        var response = await host.GraphQL.UploadAsync(token: null!, "anon.txt", "x"u8.ToArray());

        response.ShouldFailWith("UNAUTHENTICATED");
        await using var session = host.OpenSession();
        Assert.Equal(0, await session.Events.QueryAllRawEvents().CountAsync());
    }

    [Fact]
    public async Task A_multipart_request_without_the_preflight_header_is_refused()
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await host.GraphQL.UploadAsync(user.Token, "csrf.txt", "x"u8.ToArray(), preflight: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("GraphQL-Require-Preflight", response.FirstErrorMessage, StringComparison.Ordinal);
        await host.NothingStoredForAsync(user);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\eve\\report.pdf", "report.pdf")]
    [InlineData("con.txt", "_con.txt")]
    [InlineData("...", "unnamed")]
    [InlineData("notes\uFFFE.txt", "notes.txt")] // no character: .NET's normalisation throws on it
    public async Task The_clients_name_is_only_metadata_and_is_made_safe(string sent, string kept)
    {
        var user = await host.GraphQL.SignUpAsync();

        var file = (await host.GraphQL.UploadAsync(user.Token, sent, "x"u8.ToArray())).ShouldSucceed().Data.GetProperty("uploadFile");

        Assert.Equal(kept, file.GetProperty("name").GetString());
        Assert.Equal([$"{user.Id}/{file.GetProperty("id").GetGuid()}"], await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
    }


    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
