using System.Globalization;
using Catalog.Api.Diagnostics;
using Catalog.IntegrationTests.GraphQL;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Diagnostics;

[Collection(StrictLimitsCollection.Name)]
public sealed class ServerTimingTests(StrictLimitsHost host)
{
    [Fact]
    public async Task With_the_setting_on_a_response_says_how_long_the_server_took_before_answering()
    {
        using var request = TypenameRequest();
        var before = DateTime.UtcNow;
        using var response = await host.GraphQL.Http.SendAsync(request);
        var clientMs = (DateTime.UtcNow - before).TotalMilliseconds;

        var value = Assert.Single(response.Headers.GetValues(ServerTiming.Header));
        Assert.StartsWith("app;dur=", value, StringComparison.Ordinal);
        var serverMs = double.Parse(value["app;dur=".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(serverMs, 0.001, clientMs);
    }

    internal static HttpRequestMessage TypenameRequest() =>
        GraphQLClient.Request(HttpMethod.Post, null, new StringContent("""{"query":"{ __typename }"}""", System.Text.Encoding.UTF8, "application/json"));
}

[Collection(CatalogCollection.Name)]
public sealed class ServerTimingDefaultTests(CatalogHost host)
{
    [Fact]
    public async Task By_default_no_timing_is_sent()
    {
        using var request = ServerTimingTests.TypenameRequest();
        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains(ServerTiming.Header));
    }
}
