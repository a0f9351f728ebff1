using System.Globalization;
using Alba;
using Catalog.Domain.Files;
using Catalog.Sync;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// The host of the sync tests: a database of its own, both tiers' endpoints behind an <see cref="S3Proxy"/>, small
/// batches and short cooldowns. The nightly slot is set half a day away so it never fires during a test run.
/// </summary>
public class SyncHost : IAsyncLifetime
{
    public const int BatchSize = 3;
    public const int MaxFailedRunsBeforeReport = 2;

    private TestPostgres? postgres;

    public IAlbaHost Host { get; private set; } = null!;
    public GraphQLClient GraphQL { get; private set; } = null!;
    public StorageProbe LocalBucket { get; private set; } = null!;
    public StorageProbe CloudBucket { get; private set; } = null!;
    public S3Proxy CloudProxy { get; private set; } = null!;
    public S3Proxy LocalProxy { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public FailingBatchRecords BatchRecords { get; } = new();
    public LogCapture Log { get; } = new();
    public AfterCommits Commits { get; } = new();
    public RacingWrites Races { get; } = new();
    public TimeOnly NightlyAt { get; } = TimeOnly.FromDateTime(DateTime.UtcNow.AddHours(12)) is var at ? new(at.Hour, at.Minute) : default;

    public async Task InitializeAsync()
    {
        postgres = await TestPostgres.StartAsync();
        ConnectionString = await TestDatabase.CreateAsync(postgres.ConnectionString, DatabaseName);
        CloudProxy = new S3Proxy(TestEnvironment.CloudS3);
        LocalProxy = new S3Proxy(TestEnvironment.LocalS3);
        Host = await AlbaHost.For<Program>(web =>
        {
            CatalogHost.ConfigureTestSettings(web, ConnectionString);
            web.UseSetting("Storage:Cloud:ServiceUrl", CloudProxy.Url.ToString());
            web.UseSetting("Storage:Local:Endpoint", LocalProxy.Url.ToString());
            web.UseSetting("Uploads:QuotaFiles", "10000");
            web.UseSetting("Uploads:QuotaBytes", (1024L * 1024 * 1024).ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Sync:ScheduleEnabled", "true");
            web.UseSetting("Sync:LocalTime", NightlyAt.ToString("HH:mm", CultureInfo.InvariantCulture));
            web.UseSetting("Sync:TimeZone", "UTC");
            web.UseSetting("Sync:BatchSize", BatchSize.ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Sync:MaxParallelTransfers", "2");
            web.UseSetting("Sync:MultipartThresholdBytes", (5 * 1024 * 1024).ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Sync:PartSizeBytes", (5 * 1024 * 1024).ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Sync:AttemptsPerFile", "2");
            web.UseSetting("Sync:RetryCooldown", "00:00:00.050");
            web.UseSetting("Sync:AttemptTimeout", "00:00:30");
            web.UseSetting("Storage:Cloud:RequestTimeout", "00:00:02");
            // Checked often, but never stalled unless a test says so (ChangeSyncOptions).
            web.UseSetting("Sync:StallCheckInterval", "00:00:00.200");
            web.UseSetting("Sync:StallAfter", "1.00:00:00");
            web.UseSetting("Sync:MaxFailedRunsBeforeReport", MaxFailedRunsBeforeReport.ToString(CultureInfo.InvariantCulture));
            web.ConfigureServices(services => services.ConfigureMarten(options =>
            {
                options.Listeners.Add(BatchRecords);
                options.Listeners.Add(Commits);
                options.Listeners.Add(Races);
            }));
            web.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Log));
            ConfigureMore(web);
        });
        GraphQL = new GraphQLClient(Host.Server.CreateClient());
        LocalBucket = new StorageProbe(TestEnvironment.LocalS3, "catalog-local");
        CloudBucket = new StorageProbe(TestEnvironment.CloudS3, "catalog-cloud");
    }

    /// <summary>A variant host has a database of its own: its collection runs beside this one.</summary>
    protected virtual string DatabaseName => "catalog_sync";

    /// <summary>Settings of a host that differs from this one in a few of them.</summary>
    protected virtual void ConfigureMore(IWebHostBuilder web)
    {
    }

    public async Task ResetAsync()
    {
        CloudProxy.Up();
        CloudProxy.DropHeld();
        CloudProxy.ResetCounters();
        LocalProxy.Up();
        LocalProxy.DropHeld();
        BatchRecords.Disarm();
        Commits.Disarm();
        Races.Disarm();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        // The host's background work (a purge or sync batch the last test left) may still commit while the tables are
        // emptied: Postgres ends one side of that as a deadlock, which says nothing about the test to come.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.Advanced.ResetAllData();
                break;
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
        }
        await store.ClearOwnerUsageAsync();
    }

    public IDocumentSession OpenSession() => Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();

    public SyncOptions SyncOptions => Host.Services.GetRequiredService<IOptions<SyncOptions>>().Value;

    /// <summary>Changes the running host's sync settings for one test; disposing restores them.</summary>
    public IDisposable ChangeSyncOptions(Action<SyncOptions> change)
    {
        var options = SyncOptions;
        var (deleteLocal, verification, localTime) = (options.DeleteLocalAfterSync, options.Verification, options.LocalTime);
        var (batchSize, parallel, stallAfter) = (options.BatchSize, options.MaxParallelTransfers, options.StallAfter);
        change(options);
        return new Restore(() =>
        {
            options.DeleteLocalAfterSync = deleteLocal;
            options.Verification = verification;
            options.LocalTime = localTime;
            options.BatchSize = batchSize;
            options.MaxParallelTransfers = parallel;
            options.StallAfter = stallAfter;
        });
    }

    public static string KeyOf(TestUser user, Guid fileId) => ObjectKeys.For(user.Id, fileId);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await CloudProxy.DisposeAsync();
        await LocalProxy.DisposeAsync();
        LocalBucket.Dispose();
        CloudBucket.Dispose();
        if (postgres is not null)
            await postgres.DisposeAsync();
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

[CollectionDefinition(Name)]
public sealed class SyncCollection : ICollectionFixture<SyncHost>
{
    public const string Name = "sync";
}
