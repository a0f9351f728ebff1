using Catalog.Domain.Users;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Marten.Patching;
using Microsoft.AspNetCore.Identity;

namespace Catalog.IntegrationTests.Users;

/// <summary>One password, however the device that typed it encodes its accented letters (ADR 0009).</summary>
[Collection(CatalogCollection.Name)]
public sealed class PasswordNormalizationTests(CatalogHost host) : IAsyncLifetime
{
    private const string SignUp = "mutation($input: CredentialsInput!) { signUp(input: $input) { token } }";
    private const string LogIn = "mutation($input: CredentialsInput!) { logIn(input: $input) { token user { id } } }";
    private const string Composed = "Caf\u00E9-2026!"; // as Windows sends it
    private const string Decomposed = "Cafe\u0301-2026!"; // as macOS sends it

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(Composed, Decomposed)]
    [InlineData(Decomposed, Composed)]
    public async Task A_password_signed_up_in_one_form_logs_in_in_the_other(string signedUp, string loggedIn)
    {
        var user = await host.GraphQL.SignUpAsync(password: signedUp);

        Assert.Equal(user.Id, await LogInAsync(user.Email, loggedIn));
        Assert.Equal(user.Id, await LogInAsync(user.Email, signedUp));
    }

    [Theory]
    [InlineData(Composed)]
    [InlineData(Decomposed)]
    public async Task An_account_hashed_from_the_decomposed_password_as_sent_logs_in_with_either_form_and_is_rehashed(string first)
    {
        var user = await host.GraphQL.SignUpAsync(password: "some other password");
        var old = new PasswordHasher<UserAccount>().HashPassword(null!, Decomposed);
        await using (var session = host.OpenSession())
        {
            session.Patch<UserAccount>(user.Id).Set(u => u.PasswordHash, old);
            await session.SaveChangesAsync();
        }

        Assert.Equal(user.Id, await LogInAsync(user.Email, first));

        var account = await AccountOf(user);
        Assert.NotEqual(old, account.PasswordHash);
        Assert.Equal(PasswordVerificationResult.Success,
            new PasswordHasher<UserAccount>().VerifyHashedPassword(account, account.PasswordHash, Composed));
        Assert.Equal(user.Id, await LogInAsync(user.Email, first == Composed ? Decomposed : Composed));
        Assert.Equal(account.PasswordHash, (await AccountOf(user)).PasswordHash);
    }

    // Half of a surrogate pair is refused as in every string (UnstorableTextTests); U+FFFE is text to every check but this.
    [Fact]
    public async Task A_password_that_cannot_be_normalised_is_bad_input_at_sign_up()
    {
        const string password = "long enough \uFFFE"; // no character: .NET's normalisation throws on it
        (await host.GraphQL.SendAsync(SignUp, new { input = new { email = "carol@example.test", password } })).ShouldFailWith("BAD_USER_INPUT");

        await using var session = host.OpenSession();
        Assert.Equal(0, await session.Query<UserAccount>().CountAsync());
    }

    [Fact]
    public async Task A_password_that_cannot_be_normalised_is_a_failed_log_in()
    {
        var user = await host.GraphQL.SignUpAsync(password: "long enough password");

        (await host.GraphQL.SendAsync(LogIn, new { input = new { email = user.Email, password = "long enough password\uFFFE" } }))
            .ShouldFailWith("UNAUTHENTICATED");
        (await host.GraphQL.SendAsync(LogIn, new { input = new { email = "nobody@example.test", password = "long enough password\uFFFE" } }))
            .ShouldFailWith("UNAUTHENTICATED");
    }

    [Fact]
    public async Task An_account_hashed_before_from_a_password_that_cannot_be_normalised_still_logs_in_with_it()
    {
        const string password = "long enough \uFFFE";
        var user = await host.GraphQL.SignUpAsync(password: "some other password");
        await using (var session = host.OpenSession())
        {
            session.Patch<UserAccount>(user.Id).Set(u => u.PasswordHash, new PasswordHasher<UserAccount>().HashPassword(null!, password));
            await session.SaveChangesAsync();
        }

        Assert.Equal(user.Id, await LogInAsync(user.Email, password));
    }

    private async Task<Guid> LogInAsync(string email, string password) =>
        (await host.GraphQL.SendAsync(LogIn, new { input = new { email, password } }))
            .ShouldSucceed().Data.GetProperty("logIn").GetProperty("user").GetProperty("id").GetGuid();

    private async Task<UserAccount> AccountOf(TestUser user)
    {
        await using var session = host.OpenSession();
        return await session.LoadAsync<UserAccount>(user.Id) ?? throw new InvalidOperationException("no account");
    }
}
