using System.Net;
using System.Text;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Marten;

namespace Catalog.IntegrationTests.Files;

[Collection(CatalogCollection.Name)]
public sealed class MalformedUploadTests(CatalogHost host) : IAsyncLifetime
{
    private const string Operations = """{"query":"mutation($file: Upload!){ uploadFile(file: $file){ id } }","variables":{"file":null}}""";

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> BrokenBodies => new()
    {
        { "no map part", Part("operations", Operations) + Part("0", "x", "a.txt") + "--B--\r\n" },
        { "map before operations", Part("map", """{"0":["variables.file"]}""") + Part("operations", Operations) + "--B--\r\n" },
        { "operations not JSON", Part("operations", "{nope") + Part("map", """{"0":["variables.file"]}""") + "--B--\r\n" },
        { "map names a missing file", Part("operations", Operations) + Part("map", """{"0":["variables.file"]}""") + "--B--\r\n" },
        { "two files", Part("operations", Operations) + Part("map", """{"0":["variables.file"],"1":["variables.other"]}""") + "--B--\r\n" },
        { "path outside variables", Part("operations", Operations) + Part("map", """{"0":["query"]}""") + Part("0", "x", "a.txt") + "--B--\r\n" },
        { "path to an unknown variable", Part("operations", Operations) + Part("map", """{"0":["variables.nope.deeper"]}""") + Part("0", "x", "a.txt") + "--B--\r\n" },
        { "truncated body", Part("operations", Operations) + Part("map", """{"0":["variables.file"]}""") + "--B\r\nContent-Disposition: form-data; name=\"0\"; filename=\"a.txt\"\r\n\r\npartial" },
        { "wrong part after map", Part("operations", Operations) + Part("map", """{"0":["variables.file"]}""") + Part("1", "x", "a.txt") + "--B--\r\n" },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task A_broken_multipart_body_is_bad_input_and_leaves_nothing(string why, string body)
    {
        var user = await host.GraphQL.SignUpAsync();
        var response = await SendAsync(user, Encoding.UTF8.GetBytes(body));

        Assert.True(response.Status == HttpStatusCode.BadRequest || response.ErrorCodes.Contains("BAD_USER_INPUT"),
            $"{why}: {(int)response.Status} {response.Body}");
        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Empty(await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
        await using var session = host.OpenSession();
        Assert.Equal(0, await session.Events.QueryRawEventDataOnly<FileUploaded>().CountAsync());
    }

    [Fact]
    public async Task One_file_passed_to_two_fields_is_refused_before_either_runs()
    {
        var user = await host.GraphQL.SignUpAsync();
        const string twice = """{"query":"mutation($file: Upload!){ a: uploadFile(file: $file){ id } b: uploadFile(file: $file){ id } }","variables":{"file":null}}""";
        var body = Part("operations", twice) + Part("map", "{\"0\":[\"variables.file\"]}") + Part("0", "twice", "twice.txt") + "--B--\r\n";
        var response = await SendAsync(user, Encoding.UTF8.GetBytes(body));

        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Equal("UPLOAD_USED_MORE_THAN_ONCE",
            response.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("reason").GetString());
        await host.NothingStoredForAsync(user);
    }

    [Theory]
    [InlineData("operations")]
    [InlineData("map")]
    public async Task A_part_whose_strings_are_not_utf8_is_bad_input(string part)
    {
        var user = await host.GraphQL.SignUpAsync();
        var operations = part == "operations" ? Operations.Replace("uploadFile", "uploadFile\u00FF", StringComparison.Ordinal) : Operations;
        var map = part == "map" ? "{\"0\u00FF\":[\"variables.file\"]}" : "{\"0\":[\"variables.file\"]}";
        var body = Part("operations", operations) + Part("map", map) + Part("0", "x", "a.txt") + "--B--\r\n";
        var response = await SendAsync(user, Encoding.Latin1.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Empty(await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=\"B")]
    [InlineData("multipart/form-data;;;==")]
    [InlineData("multipart/form-data")]
    public async Task A_multipart_content_type_without_a_readable_boundary_is_400(string contentType)
    {
        var user = await host.GraphQL.SignUpAsync();
        var body = Part("operations", Operations) + Part("map", "{\"0\":[\"variables.file\"]}") + Part("0", "x", "a.txt") + "--B--\r\n";
        var response = await SendAsync(user, Encoding.UTF8.GetBytes(body), contentType);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Empty(await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
    }

    private Task<GraphQLResponse> SendAsync(TestUser user, byte[] body, string contentType = "multipart/form-data; boundary=B")
    {
        var request = GraphQLClient.Request(HttpMethod.Post, user.Token, new ByteArrayContent(body));
        request.Content!.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("GraphQL-Require-Preflight", "1");
        return host.GraphQL.SendAsync(request);
    }

    private static string Part(string name, string content, string? fileName = null) =>
        $"--B\r\nContent-Disposition: form-data; name=\"{name}\"" + (fileName is null ? "" : $"; filename=\"{fileName}\"") + $"\r\n\r\n{content}\r\n";
}
