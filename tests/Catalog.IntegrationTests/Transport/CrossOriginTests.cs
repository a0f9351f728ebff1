using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.IntegrationTests.GraphQL;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Transport;

/// <summary>With origins listed under <c>Cors:AllowedOrigins</c>, pages served from them may call the API (ADR 0104).</summary>
[Collection(StrictLimitsCollection.Name)]
public sealed class CrossOriginTests(StrictLimitsHost host)
{
    private const string Origin = StrictLimitsHost.DashboardOrigin;

    [Fact]
    public async Task A_preflight_from_a_listed_origin_is_answered_for_graphql()
    {
        using var response = await host.GraphQL.Http.SendAsync(Preflight("/graphql", Origin, "POST", "authorization,content-type"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Single(response, "Access-Control-Allow-Methods").Split(','));
        Assert.Equal(["authorization", "content-type"], Single(response, "Access-Control-Allow-Headers").Split(',').Order());
        Assert.Equal("300", Single(response, "Access-Control-Max-Age"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials")); // tokens, not cookies
    }

    [Fact]
    public async Task A_preflight_for_a_rest_upload_allows_its_own_headers()
    {
        using var response = await host.GraphQL.Http.SendAsync(Preflight("/api/files", Origin, "POST", "authorization,x-file-name,content-type"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("x-file-name", Single(response, "Access-Control-Allow-Headers").Split(','));
    }

    [Fact]
    public async Task An_origin_given_with_capitals_and_a_slash_matches_what_a_browser_sends()
    {
        using var response = await host.GraphQL.Http.SendAsync(Preflight("/graphql", "http://localhost:5173", "POST", "content-type"));

        Assert.Equal("http://localhost:5173", Single(response, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("https://evil.example.test")]
    [InlineData("https://dashboard.example.test:8443")]
    [InlineData("http://dashboard.example.test")]
    [InlineData("null")]
    public async Task An_origin_not_listed_gets_no_permission(string origin)
    {
        using var preflight = await host.GraphQL.Http.SendAsync(Preflight("/graphql", origin, "POST", "content-type"));
        using var request = Typename();
        request.Headers.Add("Origin", origin);
        using var actual = await host.GraphQL.Http.SendAsync(request);

        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods"));
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode); // the browser, not the server, withholds the answer
        Assert.False(actual.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_query_from_a_listed_origin_may_be_read_by_its_page()
    {
        using var request = Typename();
        request.Headers.Add("Origin", Origin);
        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Fact]
    public async Task A_refusal_carries_the_headers_too_so_the_page_can_read_why()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/files/{Guid.NewGuid()}/content");
        request.Headers.Add("Origin", Origin);
        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_refusal_thrown_inside_an_endpoint_and_written_by_the_problem_handler_carries_them_too()
    {
        var user = await host.GraphQL.SignUpAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/files/not-a-file-id/content");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        request.Headers.Add("Origin", Origin);
        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("BAD_USER_INPUT", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Every_answer_says_it_varies_by_origin_so_no_cache_hands_one_to_the_wrong_page()
    {
        using var withoutOrigin = await host.GraphQL.Http.SendAsync(Typename());
        using var request = Typename();
        request.Headers.Add("Origin", "https://evil.example.test");
        using var notListed = await host.GraphQL.Http.SendAsync(request);

        Assert.Contains("Origin", withoutOrigin.Headers.Vary);
        Assert.Contains("Origin", notListed.Headers.Vary);
    }

    [Fact]
    public async Task A_download_exposes_its_name_range_and_validator_to_the_page()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.Pdf(5000);
        using var uploadRequest = GraphQLClient.RestUpload(user.Token, new ByteArrayContent(content), "report.pdf", "application/pdf");
        uploadRequest.Headers.Add("Origin", Origin);
        using var upload = await host.GraphQL.Http.SendAsync(uploadRequest);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(Origin, Single(upload, "Access-Control-Allow-Origin"));
        var id = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/files/{id}/content");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        request.Headers.Add("Origin", Origin);
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(content[..100], await response.Content.ReadAsByteArrayAsync());
        var exposed = Single(response, "Access-Control-Expose-Headers").Split(',').Select(h => h.ToLowerInvariant()).ToHashSet();
        Assert.Superset(new HashSet<string> { "content-disposition", "content-range", "accept-ranges", "etag", "location", "retry-after", "allow" }, exposed);
    }

    internal static HttpRequestMessage Preflight(string path, string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    internal static HttpRequestMessage Typename() =>
        new(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = "{ __typename }" }) };

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);
}

/// <summary>No origin listed, the default: nothing is added, and a preflight is what it was, a method /graphql refuses.</summary>
[Collection(CatalogCollection.Name)]
public sealed class CrossOriginDefaultTests(CatalogHost host)
{
    [Fact]
    public async Task By_default_no_other_origin_is_given_permission()
    {
        using var preflight = await host.GraphQL.Http.SendAsync(CrossOriginTests.Preflight("/graphql", "https://dashboard.example.test", "POST", "content-type"));
        using var request = CrossOriginTests.Typename();
        request.Headers.Add("Origin", "https://dashboard.example.test");
        using var actual = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, preflight.StatusCode);
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        Assert.False(actual.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.DoesNotContain("Origin", actual.Headers.Vary);
    }
}
