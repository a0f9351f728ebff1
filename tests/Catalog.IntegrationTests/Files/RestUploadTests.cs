using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Files;

[Collection(CatalogCollection.Name)]
public sealed class RestUploadTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_raw_body_upload_is_stored_and_created()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.Pdf(300_000);

        using var response = await PostRawAsync(user.Token, content, "application/pdf", "Quarterly%20report%20%E2%82%AC.pdf");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/files/{id}/content", response.Headers.Location?.ToString());
        using var located = await host.GetContentAsync(user.Token, id);
        Assert.Equal(content, await located.Content.ReadAsByteArrayAsync());
        Assert.Equal("Quarterly report €.pdf", body.GetProperty("name").GetString());
        Assert.Equal("LOCAL", body.GetProperty("tier").GetString()); // named as GraphQL names it
        Assert.Equal((content.LongLength, UploadTests.Sha256Of(content)), await host.LocalBucket.ReadAsync($"{user.Id}/{id}"));
    }

    [Fact]
    public async Task The_created_body_has_the_fields_of_GraphQLs_File_and_no_storage_location()
    {
        var user = await host.GraphQL.SignUpAsync();
        using var response = await PostRawAsync(user.Token, SampleFiles.Pdf(1000), "application/pdf", "a.pdf");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var schema = host.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var file = (IObjectGraphType)schema.AllTypes["File"]!;

        Assert.Equal(file.Fields.Select(f => f.Name).Order(), body.EnumerateObject().Select(p => p.Name).Order());
        Assert.DoesNotContain(user.Id.ToString() + "/", body.GetRawText(), StringComparison.Ordinal); // no object key
    }

    [Fact]
    public async Task A_multipart_form_upload_takes_its_one_file()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.Png(2048);
        var form = new MultipartFormDataContent { { new StringContent("ignored"), "comment" } };
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "file", "cat.png");

        using var response = await host.GraphQL.Http.SendAsync(GraphQLClient.Request(HttpMethod.Post, user.Token, form, "/api/files"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("cat.png", body.GetProperty("name").GetString());
        Assert.Equal(UploadTests.Sha256Of(content), body.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_quoted_pair_in_a_multipart_file_name_is_the_character_it_escapes()
    {
        var user = await host.GraphQL.SignUpAsync();
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent([1, 2, 3]);
        part.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"file\"; filename=\"a\\\"b.txt\"");
        form.Add(part);

        using var response = await host.GraphQL.Http.SendAsync(GraphQLClient.Request(HttpMethod.Post, user.Token, form, "/api/files"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("a\"b.txt", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_multipart_form_upload_with_a_second_file_is_refused_and_stores_neither()
    {
        var user = await host.GraphQL.SignUpAsync();
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(SampleFiles.Png(2048)) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "file", "cat.png");
        form.Add(new StringContent("a field between the files is fine"), "comment");
        form.Add(new ByteArrayContent(SampleFiles.Png(1024)) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "other", "dog.png");

        using var response = await host.GraphQL.Http.SendAsync(GraphQLClient.Request(HttpMethod.Post, user.Token, form, "/api/files"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("second file part", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await host.NothingStoredForAsync(user);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd", "passwd")]
    [InlineData("%E2%80%AEgnp.exe", "gnp.exe")]
    [InlineData("NUL", "_NUL")]
    [InlineData("%ZZbroken", "%ZZbroken")]
    public async Task The_name_header_is_decoded_and_made_safe(string header, string kept)
    {
        var user = await host.GraphQL.SignUpAsync();

        using var response = await PostRawAsync(user.Token, [0, 1, 2], "application/octet-stream", header);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(kept, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Two_name_headers_are_a_400_problem_and_store_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();
        var request = GraphQLClient.RestUpload(user.Token, new ByteArrayContent([0, 1, 2]), "a.txt");
        request.Headers.TryAddWithoutValidation("X-File-Name", "b.txt");

        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BAD_USER_INPUT", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        await host.NothingStoredForAsync(user);
    }

    [Fact]
    public async Task An_overlong_name_is_cut_keeping_its_extension()
    {
        var user = await host.GraphQL.SignUpAsync();

        using var response = await PostRawAsync(user.Token, [0], "application/octet-stream", new string('a', 400) + ".bin");
        var name = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString()!;

        Assert.Equal(FileName.MaximumLength, name.Length);
        Assert.EndsWith(".bin", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_it_is_a_401_problem()
    {
        using var response = await PostRawAsync(null, [0, 1], "application/octet-stream", "a.bin");

        await ShouldBeProblem(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_413_before_reading()
    {
        var user = await host.GraphQL.SignUpAsync();
        // Only the first bytes are ever sent: an answer that waited for the body would never come.
        var body = new HeldBackContent(new byte[1024], sendFirst: 16, announced: CatalogHost.MaxUploadBytes + 100_000);
        host.LocalProxy.ResetCounters();
        var request = GraphQLClient.Request(HttpMethod.Post, user.Token, body, "/api/files");

        using var response = await host.GraphQL.Http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(30));

        await ShouldBeProblem(response, HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
        Assert.Equal(0, host.LocalProxy.Puts);
        await host.NothingStoredForAsync(user);
    }

    [Fact]
    public async Task An_executable_is_a_415_problem()
    {
        var user = await host.GraphQL.SignUpAsync();

        using var response = await PostRawAsync(user.Token, SampleFiles.WindowsExe(), "application/octet-stream", "setup.exe");

        await ShouldBeProblem(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await host.NothingStoredForAsync(user);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nno file here\r\n--B--\r\n")]
    [InlineData("multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\ncut off")]
    [InlineData("multipart/form-data", "--B--\r\n")]
    public async Task A_broken_multipart_form_is_a_400_problem(string contentType, string body)
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = new StringContent(body);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await host.GraphQL.Http.SendAsync(GraphQLClient.Request(HttpMethod.Post, user.Token, content, "/api/files"));

        await ShouldBeProblem(response, HttpStatusCode.BadRequest, "BAD_USER_INPUT");
        await host.NothingStoredForAsync(user);
    }

    private Task<HttpResponseMessage> PostRawAsync(string? token, byte[] content, string contentType, string fileName) =>
        host.GraphQL.Http.SendAsync(GraphQLClient.RestUpload(token, new ByteArrayContent(content), fileName, contentType));

    private static async Task ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

}
