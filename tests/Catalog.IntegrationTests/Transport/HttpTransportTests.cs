using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Transport;

[Collection(CatalogCollection.Name)]
public sealed class HttpTransportTests(CatalogHost host)
{
    private const string GraphQLResponse = "application/graphql-response+json";

    [Fact]
    public async Task A_query_can_be_sent_with_get()
    {
        var response = await host.GraphQL.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }")));

        Assert.Equal("Query", response.ShouldSucceed().Data.GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task An_answer_says_it_varies_by_accept_so_no_cache_serves_one_media_type_for_the_other()
    {
        using var json = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"));
        json.Headers.Accept.ParseAdd("application/json");
        using var graphQL = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __typename }"));
        graphQL.Headers.Accept.ParseAdd(GraphQLResponse);

        using var asJson = await host.GraphQL.Http.SendAsync(json);
        using var asGraphQL = await host.GraphQL.Http.SendAsync(graphQL);

        Assert.Equal("application/json", asJson.Content.Headers.ContentType?.MediaType);
        Assert.Equal(GraphQLResponse, asGraphQL.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", asJson.Headers.Vary);
        Assert.Contains("Accept", asGraphQL.Headers.Vary);
    }

    [Fact]
    public async Task A_mutation_over_get_is_405_with_allow_post()
    {
        var query = Uri.EscapeDataString("mutation { logIn(input: {email: \"a@b.c\", password: \"12345678\"}) { token } }");
        using var response = await host.GraphQL.Http.GetAsync($"/graphql?query={query}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task An_unsupported_content_type_is_415(string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{\"query\":\"{ __typename }\"}", Encoding.UTF8, contentType) };

        var response = await host.GraphQL.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        response.ShouldFailWith("BAD_USER_INPUT");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{}")]
    [InlineData("{\"query\": 42}")]
    [InlineData("[{\"query\":\"{ __typename }\"}]")]
    [InlineData("{\"query\":\"{ __typename }\", \"variables\": [1]}")]
    public async Task A_malformed_request_is_400(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var response = await host.GraphQL.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.ShouldFailWith("BAD_USER_INPUT");
    }

    [Theory]
    [InlineData(62, null)] // the body, its variables and 62 arrays: 64 levels
    [InlineData(63, "nests objects and arrays deeper than 64 levels")]
    [InlineData(200, "nests objects and arrays deeper than 64 levels")]
    public async Task JSON_deeper_than_64_levels_is_400_saying_so(int arrays, string? told)
    {
        var body = "{\"query\":\"{ __typename }\",\"variables\":{\"x\":" + new string('[', arrays) + new string(']', arrays) + "}}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var response = await host.GraphQL.SendAsync(request);

        if (told is null)
        {
            response.ShouldSucceed();
            return;
        }
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains(told, response.FirstErrorMessage, StringComparison.Ordinal);
    }

    // JSON's structure can be valid while a string in it is not UTF-8: each string is decoded only when it is read.
    [Theory]
    [InlineData("{\"query\":\"{ __typename }\xFF\"}")]
    [InlineData("{\"query\":\"{ __typename }\", \"operationName\": \"A\xFF\"}")]
    [InlineData("{\"query\":\"query($n: String) { __typename }\", \"variables\": {\"n\": \"\xFF\"}}")]
    [InlineData("{\"query\":\"query($n: String) { __typename }\", \"variables\": {\"n\xFF\": \"a\"}}")]
    public async Task A_request_whose_strings_are_not_utf8_is_400(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(Encoding.Latin1.GetBytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await host.GraphQL.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("UTF-8", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    // Valid UTF-8 JSON whose escapes name half of a surrogate pair: System.Text.Json refuses such a string only when
    // it is read, wherever that is.
    [Theory]
    [InlineData("""{"query":"query($n: String) { __typename }","variables":{"n":"\ud800"}}""")]
    [InlineData("""{"query":"query($n: String) { __typename }","variables":{"\udc00":"a"}}""")]
    [InlineData("""{"query":"{ __typename }","extensions":{"e":["\ud800"]}}""")]
    [InlineData("""{"query":"{ __typename }","operationName":"\ud800"}""")]
    [InlineData("""{"query":"{ __typename } # \ud800"}""")]
    public async Task A_request_whose_strings_are_not_unicode_is_400(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var response = await host.GraphQL.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("surrogate", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_get_whose_variables_are_not_unicode_is_400()
    {
        var variables = Uri.EscapeDataString("""{"n":"\ud800"}""");
        var query = Uri.EscapeDataString("query($n: String) { __typename }");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={query}&variables={variables}");

        var response = await host.GraphQL.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        response.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("surrogate", response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_document_is_400_for_the_graphql_response_media_type_and_200_for_json()
    {
        var modern = Post("{ noSuchField }", GraphQLResponse);
        var legacy = Post("{ noSuchField }", "application/json");

        var modernResponse = await host.GraphQL.SendAsync(modern);
        var legacyResponse = await host.GraphQL.SendAsync(legacy);

        Assert.Equal(HttpStatusCode.BadRequest, modernResponse.Status);
        Assert.Equal(HttpStatusCode.OK, legacyResponse.Status);
        modernResponse.ShouldFailWith("BAD_USER_INPUT");
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData(GraphQLResponse, GraphQLResponse)]
    [InlineData("application/json", "application/json")]
    public async Task The_response_media_type_follows_accept(string? accept, string expected)
    {
        using var response = await host.GraphQL.Http.SendAsync(Post("{ __typename }", accept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Accepting_neither_media_type_is_406()
    {
        using var response = await host.GraphQL.Http.SendAsync(Post("{ __typename }", "text/html"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_report_healthy(string path)
    {
        using var response = await host.GraphQL.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"Healthy\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_includes_the_host_having_started()
    {
        using var response = await host.GraphQL.Http.GetAsync("/health/ready");
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("started").GetProperty("status").GetString());
    }

    private static HttpRequestMessage Post(string query, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent($"{{\"query\":\"{query}\"}}", Encoding.UTF8, "application/json"),
        };
        if (accept is not null)
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        return request;
    }
}
