using System.Net;
using System.Text;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Errors;

/// <summary>
/// A refusal is a problem body with its code whatever the client's Accept names: an Accept without JSON got an empty
/// 400/403 or a text/plain "Status Code: 404" that said nothing a client could act on.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class ProblemWhateverAcceptedTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("GET", "/api/files/not-an-id/content", "BAD_USER_INPUT")]   // thrown by the endpoint
    [InlineData("GET", "/api/audit/export?from=yesterday", "BAD_USER_INPUT")]
    [InlineData("POST", "/api/files", "BAD_USER_INPUT")]                   // its name sent twice
    [InlineData("GET", "/nowhere", "NOT_FOUND")]                          // answered by the status code pages
    [InlineData("PUT", "/api/files", "BAD_USER_INPUT")]                    // 405
    public async Task A_refusal_to_a_client_that_accepts_no_JSON_is_still_a_problem_body(string method, string url, string code)
    {
        var user = await host.GraphQL.SignUpAsync();
        foreach (var accept in new[] { "text/html", "image/png", "application/json;q=0, text/plain" })
        {
            using var request = GraphQLClient.Request(new HttpMethod(method), user.Token, method == "GET" ? null : new ByteArrayContent(Encoding.ASCII.GetBytes("x")), url);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            request.Headers.TryAddWithoutValidation("X-File-Name", ["a.txt", "b.txt"]);

            using var response = await host.GraphQL.Http.SendAsync(request);

            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(code, problem.GetProperty("code").GetString());
            Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        }
    }
}
