using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Errors;

/// <summary>An error quotes back what the client sent, cut to a length a person reads.</summary>
[Collection(CatalogCollection.Name)]
public sealed class EchoedInputTests(CatalogHost host) : IAsyncLifetime
{
    private static readonly string Long = new('x', 5000);

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_long_file_id_is_cut_in_the_problem_title()
    {
        var user = await host.GraphQL.SignUpAsync();

        using var response = await host.GraphQL.Http.SendAsync(GraphQLClient.Request(HttpMethod.Get, user.Token, null, $"/api/files/{Long}/content"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var title = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString()!;
        Assert.InRange(title.Length, 1, 200);
        Assert.Contains("xxx…", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_cursor_is_cut_in_the_error_message()
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await host.GraphQL.SendAsync("query($after: String) { files(first: 5, after: $after) { totalCount } }", new { after = Long }, user.Token);

        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.InRange(response.FirstErrorMessage!.Length, 1, 200);
        Assert.Contains("xxx", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("query($first: Int) { files(first: $first) { totalCount } }", "first", "xxx")] // a string for an Int, quoted
    [InlineData("query($id: ID!) { file(id: $id) { id } }", "id", "$id")] // an object for an ID, named
    public async Task A_long_value_the_GraphQL_library_cannot_coerce_is_cut_in_its_message(string query, string variable, string quoted)
    {
        var user = await host.GraphQL.SignUpAsync();
        object value = variable == "id" ? new { nested = Long } : Long;

        var response = await host.GraphQL.SendAsync(query, new Dictionary<string, object> { [variable] = value }, user.Token);

        response.ShouldFailWith("BAD_USER_INPUT");
        var message = response.FirstErrorMessage!;
        Assert.True(message.Length is > 0 and <= 300, message.Length > 300 ? $"{message[..120]} … {message[^120..]}" : message);
        Assert.Contains(quoted, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_literal_the_GraphQL_library_cannot_coerce_is_cut_in_its_message()
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await host.GraphQL.SendAsync($"{{ files(first: \"{Long}\") {{ totalCount }} }}", null, user.Token);

        response.ShouldFailWith("BAD_USER_INPUT");
        var message = response.FirstErrorMessage!;
        Assert.True(message.Length is > 0 and <= 300, message.Length > 300 ? $"{message[..120]} … {message[^120..]}" : message);
        Assert.Contains("xxx", message, StringComparison.Ordinal);
    }
}
