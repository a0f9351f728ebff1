using System.Text;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>
/// Documents within the token limit whose check for fields that cannot be merged grows with the square of their
/// size (ADR 0088). Before the check was bounded, the first cost a core about 0.3 s and the second answered with
/// 75 625 conflicts, 22 MB. The main host has the production limits.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class FieldMergeTests(CatalogHost host)
{
    [Fact]
    public async Task One_field_repeated_thousands_of_times_is_refused()
    {
        var response = await host.GraphQL.SendAsync("{ " + Repeat(4990, _ => "__typename") + " }");

        ShouldBeRefusedOnce(response);
    }

    [Fact]
    public async Task Repeated_fields_with_differing_arguments_get_one_refusal_not_a_conflict_per_pair()
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await host.GraphQL.SendAsync(
            "{ " + Repeat(550, i => $"files(first: {i % 2 + 1}) {{ totalCount }}") + " }", token: user.Token);

        ShouldBeRefusedOnce(response);
    }

    [Fact]
    public async Task Hundreds_of_fragments_spread_into_one_selection_are_refused()
    {
        var fragments = new StringBuilder("{ " + Repeat(450, i => $"...F{i}") + " }");
        for (var i = 0; i < 450; i++)
            fragments.Append($" fragment F{i} on Query {{ __typename }}");

        var response = await host.GraphQL.SendAsync(fragments.ToString());

        ShouldBeRefusedOnce(response);
    }

    [Fact]
    public async Task Fields_nested_under_repeated_fields_count_where_they_merge()
    {
        var response = await host.GraphQL.SendAsync("{ " + Repeat(60, _ => "me { " + Repeat(60, _ => "id") + " }") + " }");

        ShouldBeRefusedOnce(response);
    }

    [Fact]
    public async Task Fields_that_cannot_be_merged_are_still_refused_by_the_merge_rule()
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await host.GraphQL.SendAsync(
            "{ files(first: 1) { totalCount } files(first: 2) { totalCount } }", token: user.Token);

        LimitTests.ShouldBeRefused(response, "OVERLAPPING_FIELDS_CAN_BE_MERGED");
    }

    [Fact]
    public async Task Fields_and_fragments_repeated_as_clients_do_still_run()
    {
        var user = await host.GraphQL.SignUpAsync();
        var query = "query { " + Repeat(20, _ => "me { id ...Account }") + " } "
                    + "fragment Account on UserView { id email ...Roles ...Email } fragment Roles on UserView { roles id } "
                    + "fragment Email on UserView { email }";

        var response = await host.GraphQL.SendAsync(query, token: user.Token);

        Assert.Equal(user.Email, response.ShouldSucceed().Data.GetProperty("me").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Unused_fragments_that_each_spread_the_next_twice_are_refused_without_walking_their_expansion()
    {
        var document = new StringBuilder("{ __typename }");
        for (var i = 1; i < 40; i++)
            document.Append($" fragment A{i} on Query {{ ...A{i + 1} ...A{i + 1} }}");
        document.Append(" fragment A40 on Query { ...Missing }");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        // Until the walk counted spreads too, A1 alone meant 2^39 steps that added nothing to the count.
        var response = await host.GraphQL.SendAsync(
            GraphQLClient.Request(HttpMethod.Post, null, System.Net.Http.Json.JsonContent.Create(new { query = document.ToString() })),
            patience.Token).WaitAsync(patience.Token);

        LimitTests.ShouldBeRefused(response, "MAX_COMPLEXITY");
    }

    [Fact]
    public async Task A_deep_chain_of_fragments_selecting_the_same_fields_still_runs()
    {
        var user = await host.GraphQL.SignUpAsync();
        const string Fields = "id ownerId name size contentType sha256 tier uploadedAt syncedAt lastAccessedAt accessCount deleted deletedAt failedSyncRuns lastSyncFailedAt version";
        var document = new StringBuilder("query { files(first: 1) { edges { node { ...F0 } } } }");
        for (var i = 0; i < 30; i++)
            document.Append($" fragment F{i} on File {{ {Fields} {(i < 29 ? $"...F{i + 1}" : "")} }}");

        // Each fragment counted once, where the operation spreads it: about 7 400 comparisons. Counted again as a
        // definition of its own, each would have added its whole chain, about 76 000.
        var response = await host.GraphQL.SendAsync(document.ToString(), token: user.Token);

        Assert.Equal(0, response.ShouldSucceed().Data.GetProperty("files").GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task A_document_with_an_error_in_every_field_lists_fifty_and_says_how_many_more()
    {
        var response = await host.GraphQL.SendAsync("{ " + Repeat(600, i => $"unknown{i}") + " }");

        var errors = response.Body.GetProperty("errors");
        Assert.Equal(51, errors.GetArrayLength());
        Assert.All(errors.EnumerateArray().Take(50), e => Assert.Equal("FIELDS_ON_CORRECT_TYPE", e.GetProperty("extensions").GetProperty("reason").GetString()));
        Assert.Equal("MAX_ERRORS", errors[50].GetProperty("extensions").GetProperty("reason").GetString());
        Assert.StartsWith("550 more errors", errors[50].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static string Repeat(int times, Func<int, string> selection) =>
        string.Join(" ", Enumerable.Range(0, times).Select(selection));

    private static void ShouldBeRefusedOnce(GraphQLResponse response)
    {
        LimitTests.ShouldBeRefused(response, "MAX_FIELD_MERGES");
        Assert.Equal(1, response.Body.GetProperty("errors").GetArrayLength());
    }
}
