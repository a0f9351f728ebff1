using Catalog.Api.Auth;
using Catalog.Api.Users;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Domain.Users;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalog.IntegrationTests.Users;

[Collection(CatalogCollection.Name)]
public sealed class AccountTests(CatalogHost host) : IAsyncLifetime
{
    private const string SignUp = "mutation($input: CredentialsInput!) { signUp(input: $input) { token user { id email roles } } }";
    private const string LogIn = "mutation($input: CredentialsInput!) { logIn(input: $input) { token expiresAt user { id email roles } } }";
    private const string Me = "{ me { id email roles } }";

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_new_user_gets_a_token_that_identifies_them()
    {
        var user = await host.GraphQL.SignUpAsync("Alice@Example.Test");

        var me = (await host.GraphQL.SendAsync(Me, token: user.Token)).ShouldSucceed().Data.GetProperty("me");

        Assert.Equal(user.Id, me.GetProperty("id").GetGuid());
        Assert.Equal("alice@example.test", me.GetProperty("email").GetString());
        Assert.Equal(["user"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Logging_in_returns_a_working_token()
    {
        var user = await host.GraphQL.SignUpAsync();

        var login = (await host.GraphQL.SendAsync(LogIn, new { input = new { email = user.Email.ToUpperInvariant(), password = user.Password } }))
            .ShouldSucceed().Data.GetProperty("logIn");
        var me = (await host.GraphQL.SendAsync(Me, token: login.GetProperty("token").GetString())).ShouldSucceed();

        Assert.Equal(user.Id, me.Data.GetProperty("me").GetProperty("id").GetGuid());
        Assert.True(login.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task The_same_email_cannot_sign_up_twice_whatever_its_case()
    {
        await host.GraphQL.SignUpAsync("bob@example.test");

        var again = await host.GraphQL.SendAsync(SignUp, new { input = new { email = " BOB@example.test ", password = "another password" } });

        again.ShouldFailWith("CONFLICT");
        await using var session = host.OpenSession();
        Assert.Equal(1, await session.Query<UserAccount>().CountAsync(u => u.Email == "bob@example.test"));
    }

    [Fact]
    public async Task Sign_ups_racing_for_one_email_make_one_account_and_the_rest_are_conflicts()
    {
        for (var round = 0; round < 5; round++)
        {
            var email = $"race-{round}@example.test";

            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
                host.GraphQL.SendAsync(SignUp, new { input = new { email, password = "correct horse battery" } })));

            var refused = answers.Where(a => a.Body.TryGetProperty("errors", out _)).ToList();
            Assert.Equal(answers.Length - 1, refused.Count);
            Assert.All(refused, a => a.ShouldFailWith("CONFLICT"));
            await using var session = host.OpenSession();
            Assert.Equal(1, await session.Query<UserAccount>().CountAsync(u => u.Email == email));
        }
    }

    [Fact]
    public async Task An_operation_that_logs_in_twice_is_refused_before_it_runs()
    {
        var user = await host.GraphQL.SignUpAsync();
        var credentials = $"input: {{ email: \"{user.Email}\", password: \"{user.Password}\" }}";

        var aliased = await host.GraphQL.SendAsync($"mutation {{ a: logIn({credentials}) {{ token }} b: logIn({credentials}) {{ token }} }}");
        var throughFragment = await host.GraphQL.SendAsync(
            $"mutation {{ ...Guess signUp(input: {{ email: \"dave@example.test\", password: \"long enough password\" }}) {{ token }} }} "
            + $"fragment Guess on Mutation {{ logIn({credentials}) {{ token }} }}");

        foreach (var refused in new[] { aliased, throughFragment })
            GraphQL.LimitTests.ShouldBeRefused(refused, "ONE_CREDENTIAL_CHECK_PER_OPERATION");
        await using var session = host.OpenSession();
        Assert.False(await session.Query<UserAccount>().AnyAsync(u => u.Email == "dave@example.test"));
    }

    [Fact]
    public async Task A_document_with_a_sign_up_and_a_log_in_runs_the_one_it_names()
    {
        var user = await host.GraphQL.SignUpAsync();
        var document = $"mutation In {{ logIn(input: {{ email: \"{user.Email}\", password: \"{user.Password}\" }}) {{ user {{ id }} }} }} "
                       + "mutation Up { signUp(input: { email: \"erin@example.test\", password: \"long enough password\" }) { user { id } } }";

        using var request = GraphQLClient.Request(HttpMethod.Post, null, System.Net.Http.Json.JsonContent.Create(new { query = document, operationName = "In" }));
        var response = await host.GraphQL.SendAsync(request);

        Assert.Equal(user.Id, response.ShouldSucceed().Data.GetProperty("logIn").GetProperty("user").GetProperty("id").GetGuid());
        Assert.False(response.Data.TryGetProperty("signUp", out _));
        await using var session = host.OpenSession();
        Assert.False(await session.Query<UserAccount>().AnyAsync(u => u.Email == "erin@example.test"));
    }

    [Fact]
    public async Task At_start_up_each_role_email_without_an_account_is_warned_of()
    {
        var existing = await host.GraphQL.SignUpAsync();
        var unclaimed = $"nobody-{Guid.NewGuid():N}@example.test";
        var settings = new AuthOptions { Admins = [existing.Email.ToUpperInvariant(), unclaimed], Auditors = [unclaimed] };
        var check = new UnclaimedRoleEmails(host.Host.Services.GetRequiredService<IDocumentStore>(), Options.Create(settings),
            host.Host.Services.GetRequiredService<ILogger<UnclaimedRoleEmails>>());
        var before = host.Log.Events.Count;

        await check.StartAsync(CancellationToken.None);

        var warnings = host.Log.Events.Skip(before).Where(e => e.Level == Serilog.Events.LogEventLevel.Warning)
            .Select(e => e.RenderMessage()).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.StartsWith($"\"{unclaimed}\" is configured for the", w, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("\"admin\" role", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("\"auditor\" role", StringComparison.Ordinal));
        Assert.Single(host.Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<UnclaimedRoleEmails>());
    }

    [Theory]
    [InlineData("carol@example.test", "short7!")]
    [InlineData("carol@example.test", "")]
    [InlineData("not-an-email", "long enough password")]
    [InlineData("", "long enough password")]
    public async Task Bad_credentials_are_refused_and_nothing_is_stored(string email, string password)
    {
        var response = await host.GraphQL.SendAsync(SignUp, new { input = new { email, password } });

        response.ShouldFailWith("BAD_USER_INPUT");
        await using var session = host.OpenSession();
        Assert.Equal(0, await session.Query<UserAccount>().CountAsync());
    }

    [Theory]
    [InlineData("\"alice\"@example.test")] // a quoted local part is the same mailbox as the bare one
    [InlineData("\"ALICE\"@example.test")]
    [InlineData("alice\u200B@example.test")] // zero-width space
    [InlineData("al\u00ADice@example.test")] // soft hyphen
    [InlineData("alice\u2060@example.test")] // word joiner
    [InlineData("\uFEFFalice@example.test")] // byte order mark, which Trim leaves
    [InlineData("alice@exam\u200Dple.test")] // zero-width joiner
    [InlineData("\u202Ealice@example.test")] // right-to-left override
    [InlineData("alice\uFE0F@example.test")] // variation selector
    public async Task An_address_that_reads_as_an_existing_one_makes_no_second_account(string lookalike)
    {
        await host.GraphQL.SignUpAsync("alice@example.test");

        var response = await host.GraphQL.SendAsync(SignUp, new { input = new { email = lookalike, password = "another password" } });

        response.ShouldFailWith("BAD_USER_INPUT");
        await using var session = host.OpenSession();
        Assert.Equal(1, await session.Query<UserAccount>().CountAsync());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_look_the_same()
    {
        var user = await host.GraphQL.SignUpAsync();

        var wrongPassword = await host.GraphQL.SendAsync(LogIn, new { input = new { email = user.Email, password = "not the password" } });
        var unknownEmail = await host.GraphQL.SendAsync(LogIn, new { input = new { email = "nobody@example.test", password = user.Password } });

        wrongPassword.ShouldFailWith("UNAUTHENTICATED");
        unknownEmail.ShouldFailWith("UNAUTHENTICATED");
        Assert.Equal(wrongPassword.FirstErrorMessage, unknownEmail.FirstErrorMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMTkzMDAwMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDAiLCJhdWQiOiJoeWJyaWRzdG9yYWdlIiwiaXNzIjoiaHlicmlkc3RvcmFnZSJ9.c2lnbmF0dXJlLW1hZGUtdXA")]
    public async Task Without_a_valid_token_me_is_unauthenticated(string? token)
    {
        var response = await host.GraphQL.SendAsync(Me, token: token);

        response.ShouldFailWith("UNAUTHENTICATED");
    }

    [Fact]
    public async Task Configured_emails_get_the_admin_and_auditor_roles()
    {
        var admin = await host.GraphQL.SignUpAsync(CatalogHost.AdminEmail);
        var auditor = await host.GraphQL.SignUpAsync(CatalogHost.AuditorEmail);

        Assert.Contains("admin", await RolesOf(admin.Token));
        Assert.Contains("auditor", await RolesOf(auditor.Token));
        Assert.DoesNotContain("admin", await RolesOf(auditor.Token));
    }

    [Fact]
    public async Task A_granted_role_is_in_the_next_token()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using (var session = host.OpenSession())
            await GrantRole.Handle(user.Email, "auditor", session, CancellationToken.None);

        var login = (await host.GraphQL.SendAsync(LogIn, new { input = new { email = user.Email, password = user.Password } })).ShouldSucceed();

        Assert.Contains("auditor", await RolesOf(login.Data.GetProperty("logIn").GetProperty("token").GetString()!));
    }

    private async Task<IReadOnlyList<string?>> RolesOf(string token) =>
        (await host.GraphQL.SendAsync(Me, token: token)).ShouldSucceed()
            .Data.GetProperty("me").GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
}
