using Catalog.Api.Diagnostics;
using Catalog.Projections;
using Catalog.Sync.Settings;
using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Wolverine;
using Wolverine.Marten;

namespace Catalog.Api.Persistence;

public static class PersistenceRegistration
{
    public const string ConnectionStringKey = "ConnectionStrings:Catalog";

    /// <summary>Marten (events, projections, documents) and Wolverine (durable messages) on one Postgres database.</summary>
    public static WebApplicationBuilder AddCatalogPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventDaemonOptions>().BindSection(builder.Configuration, EventDaemonOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<EventDaemonOptions>, EventDaemonOptionsValidation>();
        builder.Services.AddMarten(services =>
            {
                var options = new StoreOptions();
                options.Connection(CatalogConnection.WithPreparedStatements(ConnectionString(services.GetRequiredService<IConfiguration>())));
                options.ConfigureCatalog(services.GetRequiredService<TimeProvider>());
                options.ConfigureDaemon(services.GetRequiredService<IOptions<EventDaemonOptions>>().Value);
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.Logger(new CatalogMartenLogger(services.GetRequiredService<ILogger<CatalogMartenLogger>>()));
                return options;
            })
            .BuildSessionsWith<CatalogSessions>()
            .ApplyAllDatabaseChangesOnStartup()
            // Solo: every API node runs its own daemon, which the live feeds need (ADR 0042).
            .AddAsyncDaemon(JasperFx.Events.Daemon.DaemonMode.Solo)
            .IntegrateWithWolverine();
        builder.Services.AddSingleton<PlannedReads>();
        // After the schema is applied (a hosted service of the line above, and hosted services start in order).
        builder.Services.AddHostedService<OwnerUsageBackfill>();

        builder.Services.AddOptions<DurabilityOptions>().BindSection(builder.Configuration, DurabilityOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<DurabilityOptions>, DurabilityOptionsValidation>();
        // Wolverine takes the mode now, before the host starts; a mode not supported stops the start with the
        // validation's line before Wolverine runs in it.
        var durability = builder.Configuration.GetSection(DurabilityOptions.Section).Get<DurabilityOptions>()?.Mode ?? DurabilityMode.Balanced;
        builder.Services.AddWolverine(opts =>
        {
            opts.Durability.Mode = durability;
            opts.Policies.UseDurableLocalQueues();
            opts.Policies.AutoApplyTransactions();
            // Handler code is generated ahead (`codegen write`, committed under Internal/Generated) and loaded, never
            // compiled at run time: no Roslyn at start-up or at a chain's first message (ADR 0073).
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            opts.Discovery.IncludeAssembly(typeof(Sync.Storage.LocalTier).Assembly);
        });
        return builder;
    }

    private static void ConfigureDaemon(this StoreOptions options, EventDaemonOptions daemon)
    {
        options.Events.UseListenNotifyForEventAppends = daemon.WakeOnAppend;
        options.Projections.FastPollingTime = daemon.FastPollingTime;
        options.Projections.SlowPollingTime = daemon.SlowPollingTime;
    }

    internal static string ConnectionString(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString("Catalog");
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidSettingException(
                $"{ConnectionStringKey} is required (environment variable ConnectionStrings__Catalog), " +
                "e.g. Host=127.0.0.1;Port=5432;Database=catalog;Username=postgres;Password=...");
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException e)
        {
            // Npgsql's own words ("Couldn't set port"), never the value: it may hold the password.
            throw new InvalidSettingException(
                $"{ConnectionStringKey} is not a connection string Npgsql takes ({e.Message}); it looks like " +
                "Host=127.0.0.1;Port=5432;Database=catalog;Username=postgres;Password=... (a postgres:// URL is not taken)", e);
        }
        return value;
    }
}
