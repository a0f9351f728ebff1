using Catalog.Api.Users;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.Infrastructure;
using Marten;

namespace Catalog.IntegrationTests.Users;

/// <summary>A role stored on an account can be taken back, as it was granted: it leaves the tokens issued from then on.</summary>
[Collection(CatalogCollection.Name)]
public sealed class RoleRevocationTests(CatalogHost host) : IAsyncLifetime
{
    private const string LogIn = "mutation($input: CredentialsInput!) { logIn(input: $input) { user { roles } } }";

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_revoked_role_is_not_in_the_next_token_and_the_others_stay()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using (var session = host.OpenSession())
        {
            await GrantRole.Handle(user.Email, Roles.Admin, session, CancellationToken.None);
            await GrantRole.Handle(user.Email, Roles.Auditor, session, CancellationToken.None);
        }

        UserAccount? revoked;
        await using (var session = host.OpenSession())
            revoked = await RevokeRole.Handle(user.Email.ToUpperInvariant(), Roles.Admin, session, CancellationToken.None);

        Assert.Equal([Roles.Auditor], revoked!.GrantedRoles);
        Assert.Equal([Roles.Auditor, Roles.User], await RolesAtLogInAsync(user));
    }

    [Fact]
    public async Task Revoking_a_role_the_account_does_not_hold_or_of_no_account_changes_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();

        await using var session = host.OpenSession();
        Assert.Empty((await RevokeRole.Handle(user.Email, Roles.Admin, session, CancellationToken.None))!.GrantedRoles);
        Assert.Null(await RevokeRole.Handle("nobody@example.test", Roles.Admin, session, CancellationToken.None));
        Assert.Equal([Roles.User], await RolesAtLogInAsync(user));
    }

    [Fact]
    public async Task A_token_issued_before_a_revocation_loses_the_role_at_once_on_every_transport()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using (var session = host.OpenSession())
            await GrantRole.Handle(user.Email, Roles.Admin, session, CancellationToken.None);
        var token = (await host.GraphQL.SendAsync(LogInForToken, new { input = new { email = user.Email, password = user.Password } }))
            .ShouldSucceed().Data.GetProperty("logIn").GetProperty("token").GetString()!;
        (await host.GraphQL.SendAsync("{ syncRuns { totalCount } }", token: token)).ShouldSucceed();

        await using (var session = host.OpenSession())
            await RevokeRole.Handle(user.Email, Roles.Admin, session, CancellationToken.None);

        (await host.GraphQL.SendAsync("{ syncRuns { totalCount } }", token: token)).ShouldFailWith("FORBIDDEN");
        Assert.Equal(["user"], (await host.GraphQL.SendAsync("{ me { roles } }", token: token)).ShouldSucceed()
            .Data.GetProperty("me").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(token);
        await socket.SendAsync(new { id = "progress", type = "subscribe", payload = new { query = "subscription { syncProgress { runId } }" } });
        var error = await socket.ReceiveAsync();
        Assert.Equal("FORBIDDEN", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    private const string LogInForToken = "mutation($input: CredentialsInput!) { logIn(input: $input) { token } }";

    private async Task<IReadOnlyList<string?>> RolesAtLogInAsync(TestUser user) =>
        (await host.GraphQL.SendAsync(LogIn, new { input = new { email = user.Email, password = user.Password } })).ShouldSucceed()
            .Data.GetProperty("logIn").GetProperty("user").GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
}
