using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Catalog.IntegrationTests.GraphQL.WebSockets;

namespace Catalog.IntegrationTests.Networking;

/// <summary>
/// A request line or header block over the service's limits (Kestrel's defaults: 8 KiB, 32 KiB, 100 headers) is a
/// 414/431 problem that names the limit, over real Kestrel (ADR 0113), where it used to be Kestrel's bare status.
/// </summary>
[Collection(KestrelCollection.Name)]
public sealed class RequestHeadLimitTests(KestrelHost host)
{
    [Fact]
    public async Task A_GraphQL_GET_over_the_request_line_limit_is_a_414_problem_that_says_to_POST()
    {
        var query = "{ " + new string('a', 9000) + ": __typename }"; // an alias: nothing to escape

        using var response = await host.GraphQL.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString(query));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestUriTooLong);
        Assert.Contains("POST", problem.GetProperty("title").GetString());
        Assert.Contains("8192", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_request_line_limit_counts_its_line_break_as_Kestrel_does()
    {
        // "GET " + target + " HTTP/1.1" is 8,191 bytes: with its CRLF one over 8,192, which Kestrel refused before.
        var target = "/health/live?pad=";
        target += new string('a', 8191 - "GET ".Length - " HTTP/1.1".Length - target.Length);

        using var response = await host.GraphQL.Http.GetAsync(target);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestUriTooLong);
        Assert.Contains("8193 bytes", problem.GetProperty("title").GetString());
        using var fits = await host.GraphQL.Http.GetAsync(target[..^1]); // 8,192 bytes with its CRLF
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task A_GraphQL_GET_under_the_limit_is_answered()
    {
        var query = "{ " + new string('a', 7000) + ": __typename }";

        using var response = await host.GraphQL.Http.GetAsync("/graphql?query=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"Query\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Headers_over_the_size_limit_are_a_431_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        for (var i = 0; i < 5; i++)
            request.Headers.Add($"X-Padding-{i}", new string('a', 7000));

        using var response = await host.GraphQL.Http.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Contains("32768", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Header_bytes_are_counted_as_sent_also_in_a_raw_UTF8_file_name()
    {
        // 12,000 characters, 36,000 bytes: Kestrel, which counts bytes, refused it before its limit was raised.
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        using var client = new HttpClient(handler) { BaseAddress = host.GraphQL.Http.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-File-Name", new string('\u20AC', 12_000));

        using var response = await client.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Contains("32768", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task More_headers_than_the_limit_are_a_431_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        for (var i = 0; i < 120; i++)
            request.Headers.Add($"X-Many-{i}", "1");

        using var response = await host.GraphQL.Http.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Contains("over the limit of 100", problem.GetProperty("title").GetString());
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("BAD_USER_INPUT", problem.GetProperty("code").GetString());
        return problem;
    }
}
