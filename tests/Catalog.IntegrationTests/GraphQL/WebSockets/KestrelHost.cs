using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.Api.Networking;
using Catalog.IntegrationTests.Infrastructure;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// The API on Kestrel, reached over loopback TCP, for what the in-memory test server cannot show: whether a close the
/// server decides on reaches the client as a close frame or is lost to a reset. Its WebSocket clock is moved by hand;
/// it has a database of its own.
/// </summary>
public sealed class KestrelHost : IAsyncLifetime
{
    private readonly string database;
    private TestPostgres? postgres;
    private Factory? factory;

    public KestrelHost() : this("catalog_kestrel", null)
    {
    }

    private readonly IReadOnlyDictionary<string, string> settings;

    /// <summary>A host of a test's own, on a database of its own: for a test that stops it, or needs other settings.</summary>
    internal KestrelHost(string database, IReadOnlyDictionary<string, string>? settings = null)
    {
        this.database = database;
        this.settings = settings ?? new Dictionary<string, string>();
    }

    /// <summary>How often sockets that run with a role beyond user have it confirmed again, on <see cref="Clock"/>.</summary>
    public static readonly TimeSpan RoleCheckInterval = TimeSpan.FromSeconds(5);

    public RestartableFakeClock Clock { get; } = new();
    public Uri WebSocketUrl { get; private set; } = null!;
    public GraphQLClient GraphQL { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        postgres = await TestPostgres.StartAsync();
        var connectionString = await TestDatabase.CreateAsync(postgres.ConnectionString, database);
        JasperFxEnvironment.AutoStartHost = true; // RunJasperFxCommands starts the host itself only when told (Alba tells it too)
        factory = new Factory(web =>
        {
            CatalogHost.ConfigureTestSettings(web, connectionString);
            web.UseSetting("GraphQL:WebSockets:KeepAliveInterval", "00:00:00"); // no pings racing the close under test
            web.UseSetting("GraphQL:WebSockets:RoleCheckInterval", RoleCheckInterval.ToString());
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
            web.ConfigureServices(services => services.AddSingleton(new WebSocketClock(Clock)));
        });
        factory.UseKestrel(0);
        factory.StartServer();

        var address = factory.ClientOptions.BaseAddress;
        WebSocketUrl = new UriBuilder(address) { Scheme = "ws", Path = "/graphql" }.Uri;
        GraphQL = new GraphQLClient(new HttpClient { BaseAddress = address });
    }

    public IServiceProvider Services => factory!.Services;

    /// <summary>Stops the host as SIGTERM would: ApplicationStopping first, then the server, within the shutdown timeout.</summary>
    public Task StopAsync() => factory!.Host!.StopAsync();

    public async Task DisposeAsync()
    {
        GraphQL.Http.Dispose();
        if (factory is not null)
            await factory.DisposeAsync();
        if (postgres is not null)
            await postgres.DisposeAsync();
    }

    /// <summary>Keeps the host it creates, so a test can stop it.</summary>
    private sealed class Factory(Action<IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        public IHost? Host { get; private set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder) => configure(builder);

        protected override IHost CreateHost(IHostBuilder builder)
        {
            // UseKestrel registers Kestrel's own memory pool again, after the service's: put back on top, as the published
            // process has it (ADR 0101).
            builder.ConfigureServices(services => services.AddLargeNetworkBlocks());
            return Host = base.CreateHost(builder);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KestrelCollection : ICollectionFixture<KestrelHost>
{
    public const string Name = "kestrel";
}
