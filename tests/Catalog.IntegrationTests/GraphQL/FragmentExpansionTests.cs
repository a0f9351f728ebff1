using System.Net.Http.Json;
using System.Text;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>
/// Fragments that each spread the next one twice: a small document that expands to about 2^n fields. Before the
/// expansion was bounded, GraphQL.NET's complexity estimate walked every one of them (n = 30 took minutes of a core),
/// ignoring the request's cancellation. The main host has the production limits, under which these documents are
/// well within the token limit.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class FragmentExpansionTests(CatalogHost host)
{
    private const int Fragments = 30;

    // Only so that a regression fails the test instead of hanging the run; the refusal itself takes milliseconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Fragments_that_each_spread_the_next_twice_are_refused_as_too_complex()
    {
        var response = await SendWithinPatienceAsync(DoublingFragments(Fragments, spread => $"{spread} {spread}"));

        LimitTests.ShouldBeRefused(response, "MAX_COMPLEXITY");
    }

    [Fact]
    public async Task Fragments_that_spread_the_next_from_two_inline_fragments_are_refused_as_too_complex()
    {
        var response = await SendWithinPatienceAsync(
            DoublingFragments(Fragments, spread => $"... on Query {{ {spread} }} ... {{ {spread} }}"));

        LimitTests.ShouldBeRefused(response, "MAX_COMPLEXITY");
    }

    [Fact]
    public async Task Doubling_fragments_sent_over_the_WebSocket_are_refused_as_too_complex()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync();

        await socket.SendAsync(new { id = "bomb", type = "subscribe", payload = new { query = DoublingFragments(Fragments, spread => $"{spread} {spread}") } });

        var error = await socket.ReceiveAsync();
        Assert.Equal("error", error.GetProperty("type").GetString());
        var extensions = error.GetProperty("payload")[0].GetProperty("extensions");
        Assert.Equal(("BAD_USER_INPUT", "MAX_COMPLEXITY"),
            (extensions.GetProperty("code").GetString(), extensions.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Fragments_that_spread_each_other_twice_are_refused_as_a_cycle_without_looping()
    {
        var response = await SendWithinPatienceAsync(
            "{ ...A } fragment A on Query { __typename ...B ...B } fragment B on Query { __typename ...A ...A }");

        LimitTests.ShouldBeRefused(response, "NO_FRAGMENT_CYCLES");
    }

    [Fact]
    public async Task A_fragment_spread_more_than_once_still_runs()
    {
        var user = await host.GraphQL.SignUpAsync();
        const string Query = """
            query { me { ...Account } self: me { ...Account roles } }
            fragment Account on UserView { id ... on UserView { email } }
            """;

        var response = await host.GraphQL.SendAsync(Query, token: user.Token);

        var data = response.ShouldSucceed().Data;
        Assert.Equal(user.Email, data.GetProperty("me").GetProperty("email").GetString());
        Assert.Equal(user.Id, data.GetProperty("self").GetProperty("id").GetGuid());
    }

    /// <summary><c>{ ...F0 }</c> and fragments F0 to F(n-1), each but the last spreading the next through <paramref name="twice"/>.</summary>
    private static string DoublingFragments(int count, Func<string, string> twice)
    {
        var document = new StringBuilder("{ ...F0 }");
        for (var i = 0; i < count; i++)
            document.Append($" fragment F{i} on Query {{ __typename {(i < count - 1 ? twice($"...F{i + 1}") : "")} }}");
        return document.ToString();
    }

    // The token aborts the request as a leaving client would; WaitAsync is what stops the wait, because the test
    // server hands the client its response only once the server's pipeline has answered.
    private async Task<GraphQLResponse> SendWithinPatienceAsync(string query)
    {
        using var patience = new CancellationTokenSource(Patience);
        var request = GraphQLClient.Request(HttpMethod.Post, null, JsonContent.Create(new { query }));
        return await host.GraphQL.SendAsync(request, patience.Token).WaitAsync(Patience);
    }
}
