using System.Net;
using System.Text;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.GraphQL.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// <c>X-File-Name</c> sent as raw bytes rather than percent-encoded, over TCP (the in-memory server never sees bytes):
/// UTF-8 is the name it spells; anything else is a 400 problem, not Kestrel's bare 400.
/// </summary>
[Collection(KestrelCollection.Name)]
public sealed class RawNameHeaderTests(KestrelHost host)
{
    [Fact]
    public async Task A_name_in_raw_UTF_8_is_kept()
    {
        var user = await host.GraphQL.SignUpAsync();

        using var response = await SendAsync(user, "café-ünïcode.txt", Encoding.UTF8);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("café-ünïcode.txt", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("caf\u00e9.txt")] // Latin-1's é: one byte 0xE9, no UTF-8 sequence
    [InlineData("a\u00ff.txt")]
    public async Task A_name_whose_bytes_are_not_UTF_8_is_a_400_problem_and_stores_nothing(string latin1Name)
    {
        var user = await host.GraphQL.SignUpAsync();

        using var response = await SendAsync(user, latin1Name, Encoding.Latin1);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("BAD_USER_INPUT", problem.GetProperty("code").GetString());
        Assert.Contains("X-File-Name", problem.GetProperty("title").GetString());
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        Assert.Equal(0, await session.Events.QueryRawEventDataOnly<FileUploaded>().CountAsync(e => e.OwnerId == user.Id));
    }

    private async Task<HttpResponseMessage> SendAsync(TestUser user, string name, Encoding headerEncoding)
    {
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => headerEncoding };
        using var client = new HttpClient(handler) { BaseAddress = host.GraphQL.Http.BaseAddress };
        var request = GraphQLClient.RestUpload(user.Token, new ByteArrayContent("hello"u8.ToArray()), name, "text/plain");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
