using System.Net;
using System.Net.Http.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>The main host runs outside Development with default GraphQL settings, as production does.</summary>
[Collection(CatalogCollection.Name)]
public sealed class ProductionDefaultsTests(CatalogHost host)
{
    [Fact]
    public async Task Introspection_is_refused_outside_Development()
    {
        var response = await host.GraphQL.SendAsync("{ __schema { queryType { name } } }");

        LimitTests.ShouldBeRefused(response, "NO_INTROSPECTION");
    }

    [Fact]
    public async Task The_type_name_still_answers_with_introspection_off()
    {
        var response = await host.GraphQL.SendAsync("{ __typename }");

        Assert.Equal("Query", response.ShouldSucceed().Data.GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Field_suggestions_do_not_reveal_the_schema_outside_Development()
    {
        var response = await host.GraphQL.SendAsync("{ fils { totalCount } }");

        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.DoesNotContain("Did you mean", response.FirstErrorMessage);
        Assert.DoesNotContain("files", response.FirstErrorMessage);
    }

    [Fact]
    public async Task Batches_are_refused_when_batching_is_off()
    {
        var batch = new object[] { new { query = "{ __typename }" } };

        var response = await host.GraphQL.SendAsync(GraphQLClient.Request(HttpMethod.Post, null, JsonContent.Create(batch)));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        LimitTests.ShouldBeRefused(response, "BATCHING_DISABLED");
    }

    [Fact]
    public async Task A_subscription_sent_over_HTTP_is_pointed_to_the_WebSocket()
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await host.GraphQL.SendAsync("subscription { fileEvents { kind } }", token: user.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        LimitTests.ShouldBeRefused(response, "SUBSCRIPTION_OVER_HTTP");
    }
}
