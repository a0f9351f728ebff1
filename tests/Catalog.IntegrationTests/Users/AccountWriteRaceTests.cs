using Catalog.Api.Users;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Catalog.IntegrationTests.Users;

/// <summary>Writers of one account that overlap each keep their change: a role granted is never written over.</summary>
[Collection(CatalogCollection.Name)]
public sealed class AccountWriteRaceTests(CatalogHost host) : IAsyncLifetime
{
    private const string LogIn = "mutation($input: CredentialsInput!) { logIn(input: $input) { token } }";

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_roles_granted_at_once_are_both_kept()
    {
        var user = await host.GraphQL.SignUpAsync();

        await WhileTheAccountIsHeldAsync(user, 2, () => Task.WhenAll(GrantAsync(user, Roles.Admin), GrantAsync(user, Roles.Auditor)));

        Assert.Equal([Roles.Admin, Roles.Auditor], (await AccountOf(user)).GrantedRoles.Order());
    }

    [Fact]
    public async Task A_role_granted_while_a_log_in_rehashes_the_password_is_kept()
    {
        var user = await host.GraphQL.SignUpAsync();
        // A hash of fewer iterations than the hasher's own: the next log-in replaces it.
        var older = new PasswordHasher<UserAccount>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        await using (var session = host.OpenSession())
        {
            session.Store((await AccountOf(user)) with { PasswordHash = older.HashPassword(null!, user.Password) });
            await session.SaveChangesAsync();
        }

        await WhileTheAccountIsHeldAsync(user, 2, () => Task.WhenAll(
            host.GraphQL.SendAsync(LogIn, new { input = new { email = user.Email, password = user.Password } }),
            GrantAsync(user, Roles.Auditor)));

        var account = await AccountOf(user);
        Assert.Equal([Roles.Auditor], account.GrantedRoles);
        Assert.NotEqual(PasswordVerificationResult.SuccessRehashNeeded,
            new PasswordHasher<UserAccount>().VerifyHashedPassword(account, account.PasswordHash, user.Password));
    }

    private async Task GrantAsync(TestUser user, string role)
    {
        await using var session = host.OpenSession();
        await GrantRole.Handle(user.Email, role, session, CancellationToken.None);
    }

    private async Task<UserAccount> AccountOf(TestUser user)
    {
        await using var session = host.OpenSession();
        return await session.LoadAsync<UserAccount>(user.Id) ?? throw new InvalidOperationException("no account");
    }

    /// <summary>
    /// Holds the account's row until <paramref name="writers"/> writers, having read the account, wait to write it: each
    /// has read it before any other wrote.
    /// </summary>
    private async Task WhileTheAccountIsHeldAsync(TestUser user, int writers, Func<Task> write)
    {
        Task writing;
        await using (var holder = host.OpenSession())
        {
            await holder.BeginTransactionAsync(CancellationToken.None);
            var table = holder.DocumentStore.Options.Schema.For<UserAccount>();
            await holder.AdvancedSql.QueryAsync<int>($"select 1 from {table} where id = ? for update", CancellationToken.None, user.Id);
            writing = write();
            await LockWaiters.ForRowAsync(holder, writers, "writers");
        }
        await writing;
    }
}
