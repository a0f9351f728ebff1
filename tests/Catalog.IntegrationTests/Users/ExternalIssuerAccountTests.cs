using Alba;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;

namespace Catalog.IntegrationTests.Users;

/// <summary>With <c>Auth:Authority</c> set, accounts belong to the external issuer: the built-in ones are not offered.</summary>
[Collection(CatalogCollection.Name)]
public sealed class ExternalIssuerAccountTests(CatalogHost host) : IAsyncLifetime
{
    private const string SignUp = "mutation($input: CredentialsInput!) { signUp(input: $input) { token } }";
    private const string LogIn = "mutation($input: CredentialsInput!) { logIn(input: $input) { token } }";

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("")] // the usual external set-up: no key for tokens the service does not accept
    [InlineData("a-signing-key-left-from-before-0123456789")]
    public async Task Sign_up_and_log_in_are_refused_with_a_clear_error_and_store_nothing(string signingKey)
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog")!;
        var log = new LogCapture();
        await using var external = await AlbaHost.For<Program>(web =>
        {
            CatalogHost.ConfigureTestSettings(web, connectionString);
            web.UseSetting("Auth:Authority", "https://issuer.example.test/realm");
            web.UseSetting("Auth:SigningKey", signingKey);
            web.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(log));
        });
        var graphql = new GraphQLClient(external.Server.CreateClient());
        var credentials = new { input = new { email = "carol@example.test", password = "correct horse battery" } };

        (await graphql.SendAsync(SignUp, credentials)).ShouldFailWith("FORBIDDEN");
        (await graphql.SendAsync(LogIn, credentials)).ShouldFailWith("FORBIDDEN");

        await using var session = host.OpenSession();
        Assert.False(await session.Query<UserAccount>().AnyAsync());
        Assert.DoesNotContain(log.Events, e => e.Level >= LogEventLevel.Error);
    }
}
