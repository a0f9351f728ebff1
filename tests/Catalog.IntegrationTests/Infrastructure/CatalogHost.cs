using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// One API host per test collection, on real Postgres and real S3-compatible servers. The tiers are reached through
/// <see cref="LocalProxy"/> and <see cref="CloudProxy"/>, which pass everything on unless a test arms them.
/// </summary>
public sealed class CatalogHost : IAsyncLifetime
{
    public const long MaxUploadBytes = 8 * 1024 * 1024;
    public const long ImageLimit = 1024 * 1024;
    public const long QuotaFiles = 6;
    public const long MultipartThresholdBytes = 5 * 1024 * 1024;
    public const long MultipartPartBytes = 5 * 1024 * 1024;
    public const long QuotaBytes = 12 * 1024 * 1024;
    public const string AdminEmail = "admin@example.test";
    public const string AuditorEmail = "auditor@example.test";
    public const int PurgeRetries = 2;

    /// <summary>
    /// How long the local tier may leave a request without progress. Longer than the readiness probe's own 5 s, whose
    /// tests hold the store's traffic; short enough for the tests of a stalled store.
    /// </summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How early a stall timeout may end as a test's stopwatch sees it: .NET's timers count whole milliseconds, and a
    /// test saw two stalls of 8 s end 0.7 ms short of 16 s by its stopwatch.
    /// </summary>
    public static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(50);

    private TestPostgres? postgres;

    public IAlbaHost Host { get; private set; } = null!;
    public GraphQLClient GraphQL { get; private set; } = null!;
    public StorageProbe LocalBucket { get; private set; } = null!;
    public StorageProbe CloudBucket { get; private set; } = null!;
    public TestClock Clock { get; private set; } = null!;
    public S3Proxy LocalProxy { get; } = new(TestEnvironment.LocalS3);
    public S3Proxy CloudProxy { get; } = new(TestEnvironment.CloudS3);
    public LogCapture Log { get; } = new();
    public LostCommitReplies CommitReplies { get; } = new();
    public RacingWrites Races { get; } = new();
    public SaveAttempts Saves { get; } = new();

    public async Task InitializeAsync()
    {
        postgres = await TestPostgres.StartAsync();
        Host = await AlbaHost.For<Program>(web =>
        {
            ConfigureTestSettings(web, postgres.ConnectionString);
            web.UseSetting("Storage:Local:Endpoint", LocalProxy.Url.ToString());
            web.UseSetting("Storage:Cloud:ServiceUrl", CloudProxy.Url.ToString());
            // Downloads from the cloud tier give up on a stalled store after this long (ADR 0095).
            web.UseSetting("Storage:Cloud:RequestTimeout", StallTimeout.ToString());
            // Its sockets' timers run on real time: a test slower than 15 s on a loaded machine would read the server's
            // ping where it waits for an event. The strict host, whose clock the tests move, tests the pings.
            web.UseSetting("GraphQL:WebSockets:KeepAliveInterval", "00:00:00");
            web.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(Log));
            web.ConfigureServices(services => services.ConfigureMarten(options =>
            {
                options.Listeners.Add(CommitReplies);
                options.Listeners.Add(Races);
                options.Listeners.Add(Saves);
            }));
        });
        GraphQL = new GraphQLClient(Host.Server.CreateClient());
        LocalBucket = new StorageProbe(TestEnvironment.LocalS3, "catalog-local");
        CloudBucket = new StorageProbe(TestEnvironment.CloudS3, "catalog-cloud");
        Clock = (TestClock)Host.Services.GetRequiredService<TimeProvider>();
    }

    public static void ConfigureTestSettings(IWebHostBuilder web, string connectionString)
    {
        web.UseEnvironment("Testing");
        web.UseSetting("ConnectionStrings:Catalog", connectionString);
        web.UseSetting("Storage:EnsureBuckets", "true");
        web.UseSetting("Storage:Local:Endpoint", TestEnvironment.LocalS3.ToString());
        web.UseSetting("Storage:Local:AccessKey", TestEnvironment.AccessKey);
        web.UseSetting("Storage:Local:SecretKey", TestEnvironment.SecretKey);
        web.UseSetting("Storage:Local:Bucket", "catalog-local");
        // Files over 5 MiB go up as multipart uploads here, so the tests cover both ways of storing.
        web.UseSetting("Storage:Local:MultipartThresholdBytes", MultipartThresholdBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Storage:Local:MultipartPartBytes", MultipartPartBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Storage:Local:StallTimeout", StallTimeout.ToString());
        web.UseSetting("Storage:Cloud:ServiceUrl", TestEnvironment.CloudS3.ToString());
        web.UseSetting("Storage:Cloud:AccessKey", TestEnvironment.AccessKey);
        web.UseSetting("Storage:Cloud:SecretKey", TestEnvironment.SecretKey);
        web.UseSetting("Storage:Cloud:Bucket", "catalog-cloud");
        web.UseSetting("Storage:Cloud:ForcePathStyle", "true");
        web.UseSetting("Auth:SigningKey", "integration-tests-signing-key-0123456789abcdef");
        web.UseSetting("Auth:Admins:0", AdminEmail);
        web.UseSetting("Auth:Auditors:0", AuditorEmail);
        web.UseSetting("Uploads:MaxFileSizeBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Uploads:MaxBytesByCategory:Image", ImageLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Uploads:QuotaFiles", QuotaFiles.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Uploads:QuotaBytes", QuotaBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Deletion:PurgeRetries", PurgeRetries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        web.UseSetting("Deletion:PurgeRetryCooldown", "00:00:00.050");
        web.UseSetting("Wolverine:DurabilityMode", "Solo");
        // Sync tests run on a host of their own; a nightly run firing here would move other tests' files.
        web.UseSetting("Sync:ScheduleEnabled", "false");
        web.ConfigureServices(services => services.RunWolverineInSoloMode());
        web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new TestClock()));
    }

    /// <summary>
    /// Marten's own reset: documents and events gone, schema kept; the async daemon pauses meanwhile; the usage rows,
    /// which are no Marten document, gone too; the clock back to real time; the local proxy passing everything on
    /// again, and the requests it held dropped.
    /// </summary>
    public async Task ResetDataAsync()
    {
        LocalProxy.Up();
        LocalProxy.DropHeld();
        LocalProxy.ResetCounters();
        CloudProxy.Up();
        CloudProxy.DropHeld();
        CommitReplies.Disarm();
        Races.Disarm();
        Saves.Clear();
        Clock.Reset();
        await Host.ResetAllMartenDataAsync();
        await Host.Services.GetRequiredService<IDocumentStore>().ClearOwnerUsageAsync();
    }

    public IDocumentSession OpenSession() => Host.Services.GetRequiredService<IDocumentStore>().LightweightSession();

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await LocalProxy.DisposeAsync();
        await CloudProxy.DisposeAsync();
        LocalBucket.Dispose();
        CloudBucket.Dispose();
        if (postgres is not null)
            await postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CatalogCollection : ICollectionFixture<CatalogHost>
{
    public const string Name = "catalog";
}
