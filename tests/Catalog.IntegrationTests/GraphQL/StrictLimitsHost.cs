using Alba;
using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>
/// A second host with tiny GraphQL limits and batching on, so each limit can be crossed with a small operation, a
/// clock the tests move by hand for the WebSocket timers, and the Server-Timing header on. It has a database of its own: the main collection resets
/// its data while this one runs.
/// </summary>
public sealed class StrictLimitsHost : IAsyncLifetime
{
    public const int MaxBatchSize = 3;
    public const string DashboardOrigin = "https://dashboard.example.test";
    /// <summary>Listed as a developer might copy it from the address bar; a browser sends <c>http://localhost:5173</c>.</summary>
    public const string DevServerOriginAsWritten = "HTTP://LocalHost:5173/";

    private TestPostgres? postgres;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public IAlbaHost Host { get; private set; } = null!;
    public GraphQLClient GraphQL { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        postgres = await TestPostgres.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("catalog_strict_limits");
        Host = await AlbaHost.For<Program>(web =>
        {
            CatalogHost.ConfigureTestSettings(web, connectionString);
            web.UseSetting("GraphQL:Limits:MaxDepth", "3");
            web.UseSetting("GraphQL:Limits:MaxComplexity", "40");
            web.UseSetting("GraphQL:Limits:MaxAliases", "3");
            web.UseSetting("GraphQL:Limits:MaxTokens", "60");
            web.UseSetting("GraphQL:Batching:Enabled", "true");
            web.UseSetting("Diagnostics:ServerTiming", "true");
            web.UseSetting("Cors:AllowedOrigins:0", DashboardOrigin);
            web.UseSetting("Cors:AllowedOrigins:1", DevServerOriginAsWritten);
            web.UseSetting("Cors:PreflightMaxAge", "00:05:00");
            web.UseSetting("GraphQL:Batching:MaxBatchSize", MaxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            web.ConfigureServices(services => services.AddSingleton(new WebSocketClock(Clock)));
        });
        GraphQL = new GraphQLClient(Host.Server.CreateClient());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (postgres is not null)
            await postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StrictLimitsCollection : ICollectionFixture<StrictLimitsHost>
{
    public const string Name = "strict-limits";
}
