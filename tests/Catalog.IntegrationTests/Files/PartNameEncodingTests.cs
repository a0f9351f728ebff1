using System.Net;
using System.Text;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// A multipart file part whose name is not UTF-8 (<c>filename*=UTF-8''%FF%FE.txt</c>, or raw bytes in
/// <c>filename</c>) is refused as <c>X-File-Name</c> is, where the file was kept under a name of replacement
/// characters the client never sent. An empty name is a name still: the part is the file, kept as "unnamed".
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class PartNameEncodingTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, byte[]> BrokenNames => new()
    {
        { "filename* of bytes that are no UTF-8", Encoding.ASCII.GetBytes("filename*=UTF-8''%FF%FE.txt") },
        { "filename* of an overlong dot", Encoding.ASCII.GetBytes("filename*=UTF-8''%C0%AE.txt") },
        { "filename* in a charset not decoded here", Encoding.ASCII.GetBytes("filename*=KOI8-R''%E6%C1%CA%CC.txt") },
        { "filename of raw Latin-1 bytes", [.. Encoding.ASCII.GetBytes("filename=\"caf"), 0xE9, .. Encoding.ASCII.GetBytes(".txt\"")] },
    };

    [Theory]
    [MemberData(nameof(BrokenNames))]
    public async Task A_REST_file_part_whose_name_is_not_UTF_8_is_a_400_problem_and_stores_nothing(string why, byte[] name)
    {
        var user = await host.GraphQL.SignUpAsync();
        var body = RestBody(name);
        using var request = GraphQLClient.Request(HttpMethod.Post, user.Token, Multipart(body), "/api/files");

        using var response = await host.GraphQL.Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode} {text}");
        Assert.Equal("BAD_USER_INPUT", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        Assert.Contains("(filename*=UTF-8''report%20Q3.pdf)", JsonDocument.Parse(text).RootElement.GetProperty("title").GetString());
        await host.NothingStoredForAsync(user);
    }

    [Theory]
    [MemberData(nameof(BrokenNames))]
    public async Task A_GraphQL_file_part_whose_name_is_not_UTF_8_is_bad_input_and_stores_nothing(string why, byte[] name)
    {
        var user = await host.GraphQL.SignUpAsync();
        var body = GraphQLBody(name);
        var request = GraphQLClient.Request(HttpMethod.Post, user.Token, Multipart(body));
        request.Headers.Add("GraphQL-Require-Preflight", "1");

        var response = await host.GraphQL.SendAsync(request);

        Assert.True(response.ErrorCodes.Contains("BAD_USER_INPUT"), $"{why}: {(int)response.Status} {response.Body}");
        Assert.Contains("(filename*=UTF-8''report%20Q3.pdf)", response.FirstErrorMessage);
        await host.NothingStoredForAsync(user);
    }

    [Theory]
    [InlineData("filename*=UTF-8''caf%C3%A9%20%E2%82%AC.txt", "caf\u00e9 \u20ac.txt")]
    [InlineData("filename=\"\"", "unnamed")] // an empty name is still a file part
    public async Task A_REST_part_name_is_kept_decoded_or_as_unnamed_when_empty(string disposition, string kept)
    {
        var user = await host.GraphQL.SignUpAsync();
        var body = RestBody(Encoding.ASCII.GetBytes(disposition));
        using var request = GraphQLClient.Request(HttpMethod.Post, user.Token, Multipart(body), "/api/files");

        using var response = await host.GraphQL.Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var file = JsonDocument.Parse(text).RootElement;
        Assert.Equal((kept, 5L), (file.GetProperty("name").GetString(), file.GetProperty("size").GetInt64()));
    }

    [Fact]
    public async Task A_GraphQL_file_part_with_an_empty_name_is_stored_as_unnamed()
    {
        var user = await host.GraphQL.SignUpAsync();
        var body = GraphQLBody("filename=\"\""u8.ToArray());
        var request = GraphQLClient.Request(HttpMethod.Post, user.Token, Multipart(body));
        request.Headers.Add("GraphQL-Require-Preflight", "1");

        var file = (await host.GraphQL.SendAsync(request)).ShouldSucceed().Data.GetProperty("uploadFile");

        Assert.Equal(("unnamed", 5L), (file.GetProperty("name").GetString(), file.GetProperty("size").GetInt64()));
    }

    [Fact]
    public async Task A_second_file_part_with_an_empty_name_is_refused_as_a_second_file()
    {
        var user = await host.GraphQL.SignUpAsync();
        var body = Encoding.ASCII.GetBytes(
            "--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n" +
            "--X\r\nContent-Disposition: form-data; name=\"other\"; filename=\"\"\r\nContent-Type: text/plain\r\n\r\nworld\r\n--X--\r\n");
        using var request = GraphQLClient.Request(HttpMethod.Post, user.Token, Multipart(body), "/api/files");

        using var response = await host.GraphQL.Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains("second file part", JsonDocument.Parse(text).RootElement.GetProperty("title").GetString());
        await host.NothingStoredForAsync(user);
    }

    // One file part of "hello", its name parameter (filename or filename*) given as the raw bytes sent.
    private static byte[] RestBody(byte[] nameParameter) =>
        Concat("--X\r\nContent-Disposition: form-data; name=\"file\"; ", nameParameter, "\r\nContent-Type: text/plain\r\n\r\nhello\r\n--X--\r\n");

    private static byte[] GraphQLBody(byte[] nameParameter) =>
        Concat(
            "--X\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n" +
            """{"query":"mutation($file: Upload!){ uploadFile(file: $file){ name size } }","variables":{"file":null}}""" +
            "\r\n--X\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{\"0\":[\"variables.file\"]}" +
            "\r\n--X\r\nContent-Disposition: form-data; name=\"0\"; ", nameParameter, "\r\nContent-Type: text/plain\r\n\r\nhello\r\n--X--\r\n");

    private static byte[] Concat(string before, byte[] name, string after) =>
        [.. Encoding.ASCII.GetBytes(before), .. name, .. Encoding.ASCII.GetBytes(after)];

    private static ByteArrayContent Multipart(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=X");
        return content;
    }
}
