using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Users;

/// <summary>
/// A role claim is a role claim whatever the casing of its type (<c>ClaimsIdentity.IsInRole</c> compares types without
/// case), so a wider role the account does not hold is dropped from a <c>Role</c> claim as well. Only a holder of the
/// signing key can make such a token; the check must not depend on how it spelt the claim.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class ClaimedRoleCasingTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_wider_role_under_a_differently_cased_claim_type_is_dropped_on_every_transport()
    {
        var user = await host.GraphQL.SignUpAsync();
        var token = host.SignedToken(user, new() { ["role"] = new[] { "user", "auditor" }, ["Role"] = "admin" });

        Assert.Equal(["user"], (await host.GraphQL.SendAsync("{ me { roles } }", token: token)).ShouldSucceed()
            .Data.GetProperty("me").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        (await host.GraphQL.SendAsync("{ syncRuns { totalCount } }", token: token)).ShouldFailWith("FORBIDDEN");

        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(token);
        await socket.SendAsync(new { id = "progress", type = "subscribe", payload = new { query = "subscription { syncProgress { runId } }" } });
        var error = await socket.ReceiveAsync();
        Assert.Equal("FORBIDDEN", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
