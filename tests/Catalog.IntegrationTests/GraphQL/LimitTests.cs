using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL;

[Collection(StrictLimitsCollection.Name)]
public sealed class LimitTests(StrictLimitsHost host)
{
    [Fact]
    public async Task An_operation_within_every_limit_runs()
    {
        var user = await host.GraphQL.SignUpAsync();

        (await host.GraphQL.SendAsync("{ me { id } }", token: user.Token)).ShouldSucceed();
    }

    [Fact]
    public async Task A_query_nested_deeper_than_the_limit_is_refused_with_its_reason()
    {
        var response = await host.GraphQL.SendAsync("{ files(first: 1) { edges { node { id } } } }");

        ShouldBeRefused(response, "MAX_DEPTH");
    }

    [Fact]
    public async Task An_alias_bomb_is_refused_before_it_runs()
    {
        var response = await host.GraphQL.SendAsync("{ a: __typename b: __typename c: __typename d: __typename }");

        ShouldBeRefused(response, "MAX_ALIASES");
    }

    [Fact]
    public async Task A_document_with_too_many_tokens_is_refused_before_parsing()
    {
        var fields = string.Join(" ", Enumerable.Repeat("__typename", 100));

        var response = await host.GraphQL.SendAsync("{ " + fields + " }");

        ShouldBeRefused(response, "MAX_TOKENS");
    }

    [Fact]
    public async Task A_query_too_complex_for_the_limit_is_refused()
    {
        var response = await host.GraphQL.SendAsync("{ files(first: 100) { edges { cursor } } }");

        ShouldBeRefused(response, "MAX_COMPLEXITY");
    }

    [Fact]
    public async Task A_document_kept_after_a_cheap_request_is_still_held_to_the_complexity_of_the_next()
    {
        var user = await host.GraphQL.SignUpAsync();
        const string Query = "query($first: Int) { files(first: $first) { edges { cursor } } }";

        (await host.GraphQL.SendAsync(Query, new { first = 1 }, user.Token)).ShouldSucceed();
        var costly = await host.GraphQL.SendAsync(Query, new { first = 100 }, user.Token);

        ShouldBeRefused(costly, "MAX_COMPLEXITY");
    }

    [Fact]
    public async Task Limits_apply_to_queries_sent_with_GET_too()
    {
        var query = Uri.EscapeDataString("{ a: __typename b: __typename c: __typename d: __typename }");

        var response = await host.GraphQL.SendAsync(GraphQLClient.Request(HttpMethod.Get, null, url: "/graphql?query=" + query));

        ShouldBeRefused(response, "MAX_ALIASES");
    }

    [Fact]
    public async Task A_batch_within_the_size_limit_answers_each_operation_in_order()
    {
        var user = await host.GraphQL.SignUpAsync();
        var batch = new object[] { new { query = "{ me { id } }" }, new { query = "{ __typename }" } };

        var response = await host.GraphQL.SendAsync(GraphQLClient.Request(HttpMethod.Post, user.Token, JsonContent.Create(batch)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(JsonValueKind.Array, response.Body.ValueKind);
        Assert.Equal(user.Id, response.Body[0].GetProperty("data").GetProperty("me").GetProperty("id").GetGuid());
        Assert.Equal("Query", response.Body[1].GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task A_batch_larger_than_the_limit_is_refused_whole()
    {
        var batch = Enumerable.Repeat(new { query = "{ __typename }" }, StrictLimitsHost.MaxBatchSize + 1).ToArray();

        var response = await host.GraphQL.SendAsync(GraphQLClient.Request(HttpMethod.Post, null, JsonContent.Create(batch)));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        ShouldBeRefused(response, "BATCH_TOO_LARGE");
    }

    internal static void ShouldBeRefused(GraphQLResponse response, string reason)
    {
        response.ShouldFailWith("BAD_USER_INPUT");
        var reasons = response.Body.GetProperty("errors").EnumerateArray()
            .Select(e => e.GetProperty("extensions").TryGetProperty("reason", out var r) ? r.GetString() : null);
        Assert.True(reasons.Contains(reason), $"Expected reason {reason}: {response.Body}");
        Assert.False(response.Body.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null,
            $"Nothing may run: {response.Body}");
    }
}
