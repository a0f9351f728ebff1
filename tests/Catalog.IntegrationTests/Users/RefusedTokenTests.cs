using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Users;

/// <summary>
/// A request that sent a token which was refused is told why, over GraphQL and REST alike: an expired token was
/// answered "You must be logged in: send 'Authorization: Bearer &lt;token&gt;'", although the client had sent one.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class RefusedTokenTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> Refusals => new()
    {
        { "expired", "The token expired at " },
        { "garbled", "The token is not valid here" },
        { "none", "You must be logged in" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task GraphQL_says_why_the_token_was_refused(string token, string told)
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await host.GraphQL.SendAsync("{ me { id } }", token: TokenOf(user, token));

        response.ShouldFailWith("UNAUTHENTICATED");
        Assert.StartsWith(told, response.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_REST_401_says_why_the_token_was_refused(string token, string told)
    {
        var user = await host.GraphQL.SignUpAsync();
        var file = await host.UploadFileAsync(user, "a.txt", "hello"u8.ToArray());

        using var response = await host.GetContentAsync(TokenOf(user, token), file);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("UNAUTHENTICATED", problem.RootElement.GetProperty("code").GetString());
        if (token == "none")
            Assert.False(problem.RootElement.TryGetProperty("detail", out _));
        else
            Assert.StartsWith(told, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_says_when_it_expired_and_a_valid_one_is_served()
    {
        var user = await host.GraphQL.SignUpAsync();
        var expiredAt = new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddHours(-1);

        var refused = await host.GraphQL.SendAsync("{ me { id } }", token: host.SignedToken(user, [], expiredAt));
        var served = await host.GraphQL.SendAsync("{ me { id } }", token: host.SignedToken(user, []));

        Assert.Equal($"The token expired at {expiredAt:yyyy-MM-ddTHH:mm:ssZ}: log in again for a new one.", refused.FirstErrorMessage);
        Assert.Equal(user.Id, served.ShouldSucceed().Data.GetProperty("me").GetProperty("id").GetGuid());
    }

    private string? TokenOf(TestUser user, string kind) => kind switch
    {
        "expired" => host.SignedToken(user, [], DateTime.UtcNow.AddHours(-1)),
        "garbled" => user.Token[..^4] + "AAAA", // its signature no longer matches
        _ => null,
    };
}
