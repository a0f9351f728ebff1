using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Alba;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Catalog.IntegrationTests.Users;

/// <summary>
/// With <c>Auth:Authority</c> set and the issuer's metadata out of reach, a token cannot be checked: that is an outage
/// of a dependency (503 <c>AUTH_UNAVAILABLE</c>, WebSocket 1013), not a fault of the service (500, 4500) nor of the
/// client's token. Requests without a token, and tokens no issuer could have signed, are answered as before.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class UnreachableIssuerTests(CatalogHost host)
{
    // Well formed, so only the issuer's keys could tell whether it is good: any signature does.
    private static readonly string WellFormedToken = Jwt(new { sub = Guid.NewGuid(), aud = "hybridstorage", exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds() });

    [Fact]
    public async Task A_token_over_http_is_answered_503_auth_unavailable_and_requests_without_one_still_work()
    {
        var log = new LogCapture();
        await using var external = await ExternalHostAsync(log);
        var client = external.Server.CreateClient();

        HttpRequestMessage[] withToken =
        [
            new(HttpMethod.Post, "/graphql") { Content = Json(new { query = "{ __typename }" }) },
            new(HttpMethod.Post, "/api/files") { Content = new ByteArrayContent([1, 2, 3]) },
            new(HttpMethod.Get, $"/api/files/{Guid.NewGuid()}/content"),
            new(HttpMethod.Get, "/api/audit/export"),
        ];
        var answers = new List<string>();
        foreach (var request in withToken)
        {
            request.Headers.Authorization = new("Bearer", WellFormedToken);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            answers.Add($"{request.RequestUri}: {(int)response.StatusCode} {response.Headers.RetryAfter} {body}");
        }
        Assert.All(answers, answer => Assert.Contains(": 503 5 {", answer, StringComparison.Ordinal));
        Assert.All(answers, answer => Assert.Contains("\"code\":\"AUTH_UNAVAILABLE\"", answer, StringComparison.Ordinal));

        using var anonymous = await client.PostAsync("/graphql", Json(new { query = "{ __typename }" }));
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        foreach (var health in new[] { "/health/live", "/health/ready" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(health)).StatusCode);

        // Refused as before without the issuer: no key could make it good.
        using var malformed = new HttpRequestMessage(HttpMethod.Get, "/api/audit/export");
        malformed.Headers.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(malformed)).StatusCode);

        Assert.Empty(log.Events.Where(e => e.Level >= LogEventLevel.Error).Select(e => $"{e.Properties.GetValueOrDefault("SourceContext")} {e.MessageTemplate.Text}"));
        Assert.Contains(log.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("identity provider", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_at_connection_init_closes_with_1013_to_try_again_and_sockets_without_one_still_open()
    {
        var log = new LogCapture();
        await using var external = await ExternalHostAsync(log);

        await using var withToken = await TransportWsSocket.ConnectAsync(external);
        await withToken.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + WellFormedToken } });
        var (code, reason) = await withToken.ClosedAsync();
        // graphql-ws gives up on 4500; 1013 it retries, and a later connection_init may find the issuer again.
        Assert.Equal(1013, code);
        Assert.Contains("identity provider", reason, StringComparison.Ordinal);

        // A token in the upgrade request's header is checked by HTTP's authentication, before there is a socket.
        var upgrade = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TransportWsSocket.ConnectAsync(external, upgradeAuthorization: "Bearer " + WellFormedToken));
        Assert.Contains("503", upgrade.Message, StringComparison.Ordinal);

        await using var malformed = await TransportWsSocket.ConnectAsync(external);
        await malformed.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer not-a-token" } });
        Assert.Equal(4403, (await malformed.ClosedAsync()).Code);

        await using var anonymous = await TransportWsSocket.ConnectAsync(external);
        await anonymous.InitAsync();

        Assert.DoesNotContain(log.Events, e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task Once_the_issuer_answers_again_the_same_token_is_taken_over_http_and_at_connection_init()
    {
        await using var issuer = new FakeIssuer();
        await using var external = await ExternalHostAsync(new LogCapture(), issuer.Authority);
        var subject = Guid.NewGuid();
        var token = issuer.TokenFor(subject);
        var graphql = new GraphQLClient(external.Server.CreateClient());

        var down = await graphql.SendAsync("{ me { id } }", token: token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.Equal("AUTH_UNAVAILABLE", down.Body.GetProperty("code").GetString());

        await issuer.StartAsync();
        var up = (await graphql.SendAsync("{ me { id } }", token: token)).ShouldSucceed();
        Assert.Equal(subject.ToString(), up.Data.GetProperty("me").GetProperty("id").GetString());
        await using var socket = await TransportWsSocket.ConnectAsync(external);
        await socket.InitAsync(token);
        // A token the issuer did not sign for this service is still refused, now that it can be checked.
        await using var otherAudience = await TransportWsSocket.ConnectAsync(external);
        await otherAudience.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + issuer.TokenFor(subject, "another-service") } });
        Assert.Equal(4403, (await otherAudience.ClosedAsync()).Code);
    }

    [Fact]
    public async Task An_issuer_that_accepts_the_connection_and_never_answers_is_given_up_on_after_the_metadata_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // connections are accepted by the kernel and never answered
        var authority = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/realm";
        await using var external = await ExternalHostAsync(new LogCapture(), authority, ("Auth:MetadataTimeout", "00:00:01"));
        // Far below the 60 s a bearer handler waits by default, far above the second configured.
        var client = external.Server.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(20);

        var answer = await new GraphQLClient(client).SendAsync("{ me { id } }", token: WellFormedToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("AUTH_UNAVAILABLE", answer.Body.GetProperty("code").GetString());
    }

    private async Task<IAlbaHost> ExternalHostAsync(LogCapture log, string? authority = null, params (string Key, string Value)[] settings)
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog")!;
        var issuer = authority ?? $"http://127.0.0.1:{FakeIssuer.UnusedPort()}/realm";
        return await AlbaHost.For<Program>(web =>
        {
            CatalogHost.ConfigureTestSettings(web, connectionString);
            web.UseSetting("Auth:Authority", issuer);
            web.UseSetting("Auth:RequireHttpsMetadata", "false");
            web.UseSetting("Auth:SigningKey", "");
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
            web.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(log));
        });
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static string Jwt(object claims) =>
        $"{Base64Url(new { alg = "RS256", typ = "JWT", kid = "unknown" })}.{Base64Url(claims)}.{Convert.ToBase64String("signature"u8.ToArray()).TrimEnd('=')}";

    private static string Base64Url(object json) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
