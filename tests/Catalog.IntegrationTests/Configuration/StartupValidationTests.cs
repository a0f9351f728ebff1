using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Alba;
using Catalog.Api.Diagnostics;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Configuration;

/// <summary>A missing or wrong setting stops the service with a message that names the key.</summary>
[Collection(CatalogCollection.Name)]
public sealed class StartupValidationTests(CatalogHost host)
{
    [Theory]
    [InlineData("Storage:Local:Endpoint", "", "Storage:Local:Endpoint")]
    [InlineData("Storage:Local:Endpoint", "ftp://example.test", "Storage:Local:Endpoint")]
    [InlineData("Storage:Local:Bucket", "Not_A_Bucket", "Storage:Local:Bucket")]
    [InlineData("Storage:Local:MultipartThresholdBytes", "1048576", "Storage:Local:MultipartThresholdBytes")]
    [InlineData("Storage:Local:StallTimeout", "00:00:00", "Storage:Local:StallTimeout")]
    [InlineData("Storage:Local:StallTimeout", "1.00:00:00", "Storage:Local:StallTimeout")]
    [InlineData("Uploads:Direct:UrlLifetime", "00:00:00", "Uploads:Direct:UrlLifetime")]
    [InlineData("Uploads:Direct:Grace", "-00:01:00", "Uploads:Direct:Grace")]
    [InlineData("Uploads:Direct:MaxOpenPerOwner", "0", "Uploads:Direct:MaxOpenPerOwner")]
    [InlineData("Storage:Cloud:Bucket", "", "Storage:Cloud:Bucket")]
    [InlineData("Auth:SigningKey", "too-short", "Auth:SigningKey")]
    [InlineData("Uploads:MaxFileSizeBytes", "0", "Uploads:MaxFileSizeBytes")]
    [InlineData("Uploads:MaxBytesByCategory:Image", "-10", "Uploads:MaxBytesByCategory:Image")]
    [InlineData("Uploads:MaxBytesByCategory:Images", "10", "Uploads:MaxBytesByCategory:Images")]
    [InlineData("Uploads:QuotaBytes", "0", "Uploads:QuotaBytes")]
    [InlineData("Uploads:QuotaFiles", "-1", "Uploads:QuotaFiles")]
    [InlineData("Uploads:AllowedTypes:0", "notatype", "Uploads:AllowedTypes:0")]
    [InlineData("Uploads:DeniedTypes:0", "Text/HTML; charset=x", "Uploads:DeniedTypes:0")]
    [InlineData("Uploads:SpoolDirectory", "/proc/1", "Uploads:SpoolDirectory")]
    [InlineData("Auth:Authority", "http://127.0.0.1:1/realm", "Auth:Authority")]
    [InlineData("ConnectionStrings:Catalog", "", "ConnectionStrings:Catalog")]
    [InlineData("GraphQL:MaxRequestBytes", "0", "GraphQL:MaxRequestBytes")]
    [InlineData("Downloads:UrlLifetime", "7.00:00:01", "Downloads:UrlLifetime")]
    [InlineData("Downloads:UrlLifetime", "00:00:00", "Downloads:UrlLifetime")]
    [InlineData("Deletion:RetentionPeriod", "00:00:00", "Deletion:RetentionPeriod")]
    [InlineData("Deletion:PurgeRetries", "11", "Deletion:PurgeRetries")]
    [InlineData("Deletion:PurgeRetryCooldown", "-00:00:01", "Deletion:PurgeRetryCooldown")]
    [InlineData("EventDaemon:FastPollingTime", "00:00:00.001", "EventDaemon:FastPollingTime")]
    [InlineData("EventDaemon:SlowPollingTime", "00:00:00.100", "EventDaemon:SlowPollingTime")]
    public async Task A_bad_setting_stops_start_up_naming_the_key(string key, string value, string named) =>
        Assert.Contains(named, Flatten(await StartFailure(key, value)), StringComparison.Ordinal);

    /// <summary>Accepted at start before, these failed later (every request, the sync, the daemon) or silently.</summary>
    [Theory]
    [InlineData("Auth:RoleClaim", "", "Auth:RoleClaim is required")]
    [InlineData("Auth:RoleClaim", " ", "Auth:RoleClaim is required")]
    [InlineData("Storage:Local:Region", "", "Storage:Local:Region is required")]
    [InlineData("Storage:Cloud:SecretKey", "", "Storage:Cloud:SecretKey is required when Storage:Cloud:AccessKey is set")]
    [InlineData("Storage:Cloud:AccessKey", "", "Storage:Cloud:AccessKey is required when Storage:Cloud:SecretKey is set")]
    [InlineData("Auth:MetadataTimeout", "00:00:00", "Auth:MetadataTimeout must be between 00:00:01 and 00:02:00")]
    [InlineData("Auth:MetadataTimeout", "01:00:00", "Auth:MetadataTimeout must be between 00:00:01 and 00:02:00")]
    [InlineData("Storage:Cloud:RequestTimeout", "30.00:00:00", "Storage:Cloud:RequestTimeout must be positive and at most 12:00:00")]
    [InlineData("Uploads:MaxFileSizeBytes", "9223372036854775807", "Uploads:MaxFileSizeBytes must be between 1 and 5497558138880")]
    [InlineData("Uploads:MaxFileSizeBytes", "5497558138881", "Uploads:MaxFileSizeBytes must be between 1 and 5497558138880")]
    [InlineData("EventDaemon:SlowPollingTime", "60.00:00:00", "EventDaemon:SlowPollingTime must be at most 01:00:00")]
    [InlineData("EventDaemon:FastPollingTime", "60.00:00:00", "EventDaemon:FastPollingTime must be between 00:00:00.010 and 01:00:00")]
    [InlineData("Wolverine:DurabilityMode", "Serverless", "Wolverine:DurabilityMode must be Balanced or Solo, got 'Serverless'")]
    [InlineData("Wolverine:DurabilityMode", "MediatorOnly", "Wolverine:DurabilityMode must be Balanced or Solo, got 'MediatorOnly'")]
    [InlineData("Wolverine:DurabilityMode", "Fast", "Wolverine:DurabilityMode must be Balanced or Solo, got 'Fast'")]
    [InlineData("Wolverine:DurabilityMode", "", "Wolverine:DurabilityMode must be Balanced or Solo, got ''")]
    [InlineData("Wolverine:DurabilityMode", "1", "Wolverine:DurabilityMode must be Balanced or Solo, got '1'")]
    [InlineData("Auth:Admins", "a@x.test", "Auth:Admins is a list: give each item as Auth__Admins__0, Auth__Admins__1")]
    [InlineData("Auth:Auditors", "a@x.test", "Auth:Auditors is a list: give each item as Auth__Auditors__0")]
    [InlineData("Uploads:AllowedTypes", "image/png", "Uploads:AllowedTypes is a list: give each item as Uploads__AllowedTypes__0")]
    [InlineData("Uploads:DeniedTypes", "text/plain", "Uploads:DeniedTypes is a list: give each item as Uploads__DeniedTypes__0")]
    [InlineData("Uploads:MaxBytesByCategory", "1048576", "Uploads:MaxBytesByCategory is a set of named values: give each as Uploads__MaxBytesByCategory__<name>")]
    [InlineData("GraphQL:Batching", "true", "GraphQL:Batching is a group of settings: give each as GraphQL__Batching__<name>, e.g. GraphQL__Batching__Enabled.")]
    [InlineData("GraphQL:Limits", "5", "GraphQL:Limits is a group of settings: give each as GraphQL__Limits__<name>")]
    [InlineData("GraphQL:WebSockets", "off", "GraphQL:WebSockets is a group of settings: give each as GraphQL__WebSockets__<name>")]
    [InlineData("Uploads:Direct", "1h", "Uploads:Direct is a group of settings: give each as Uploads__Direct__<name>")]
    [InlineData("Storage:Cloud", "s3.example.test", "Storage:Cloud is a group of settings: give each as Storage__Cloud__<name>")]
    [InlineData("Auth:TokenLifetime", "30", "Auth:TokenLifetime is 30, which .NET reads as 30 days: give a duration as [d.]hh:mm:ss")]
    [InlineData("Storage:Local:StallTimeout", "300", "Storage:Local:StallTimeout is 300, which .NET reads as 300 days")]
    [InlineData("Deletion:RetentionPeriod", "7", "e.g. 00:00:07 for 7 seconds, 00:07:00 for 7 minutes, 7.00:00:00 for 7 days.")]
    [InlineData("Cors:AllowedOrigins:0", "*", "Cors:AllowedOrigins:0 is '*': list each origin that may call the service")]
    [InlineData("Cors:AllowedOrigins:0", "https://dashboard.example.com/app", "Cors:AllowedOrigins:0 is 'https://dashboard.example.com/app': an origin is a scheme, a host and a port only")]
    [InlineData("Cors:AllowedOrigins", "https://dashboard.example.com", "Cors:AllowedOrigins is a list: give each item as Cors__AllowedOrigins__0")]
    [InlineData("Cors:PreflightMaxAge", "2.00:00:00", "Cors:PreflightMaxAge must be between 00:00:00 and 1.00:00:00")]
    [InlineData("Cors:PreflightMaxAge", "600", "Cors:PreflightMaxAge is 600, which .NET reads as 600 days")]
    [InlineData("Cors:PreflightMaxAge", "00:00:01.5", "Cors:PreflightMaxAge must be whole seconds")]
    [InlineData("Cors:AllowedOrigins:7", "*", "Cors:AllowedOrigins:7 is '*'")]
    [InlineData("Cors:AllowedOrigins:0:Origin", "https://dashboard.example.com", "Cors:AllowedOrigins:0 is a group of settings, not an origin")]
    public async Task A_setting_that_would_fail_later_stops_start_up_in_one_line_naming_the_key(string key, string value, string said)
    {
        var line = StartupFailureLine.Explain(await StartFailure(key, value));

        Assert.NotNull(line);
        Assert.Contains(said, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sync")]
    [InlineData("Storage")]
    [InlineData("GraphQL")]
    public async Task A_variable_named_like_a_top_level_section_does_not_stop_the_start(string name)
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog")!;

        await using var started = await AlbaHost.For<Program>(web =>
        {
            CatalogHost.ConfigureTestSettings(web, connectionString);
            web.UseSetting(name, "something of the machine's");
        });

        await started.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(200); });
    }

    private async Task<Exception> StartFailure(string key, string value)
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog")!;

        return await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var broken = await AlbaHost.For<Program>(web =>
            {
                CatalogHost.ConfigureTestSettings(web, connectionString);
                web.UseSetting(key, value);
            });
        });
    }

    [Fact]
    public async Task A_bucket_that_does_not_exist_is_a_warning_at_start_up_when_buckets_are_not_made()
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog")!;
        var log = new LogCapture();

        await using var started = await AlbaHost.For<Program>(web =>
        {
            CatalogHost.ConfigureTestSettings(web, connectionString);
            web.UseSetting("Storage:EnsureBuckets", "false");
            web.UseSetting("Storage:Cloud:Bucket", "no-such-cloud-bucket");
            web.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(log));
        });

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!log.Events.Any(e => e.RenderMessage().Contains("does not exist", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        var warning = Assert.Single(log.Events, e => e.RenderMessage().Contains("does not exist", StringComparison.Ordinal));
        Assert.Equal(Serilog.Events.LogEventLevel.Warning, warning.Level);
        Assert.Equal(
            "The cloud-tier bucket no-such-cloud-bucket does not exist (Storage:Cloud:Bucket), and Storage:EnsureBuckets is off: the nightly sync fails until it is created",
            warning.RenderMessage());
    }

    [Theory]
    [InlineData("Local", "local", "uploads fail")]
    [InlineData("Cloud", "cloud", "the nightly sync fails")]
    public async Task A_bucket_the_store_refuses_to_the_services_credentials_is_a_warning_at_start_up(string section, string tier, string until)
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog")!;
        var log = new LogCapture();

        await using var started = await AlbaHost.For<Program>(web =>
        {
            CatalogHost.ConfigureTestSettings(web, connectionString);
            web.UseSetting("Storage:EnsureBuckets", "false");
            web.UseSetting($"Storage:{section}:SecretKey", "not-the-secret");
            web.ConfigureServices(services => services.AddSingleton<Serilog.Core.ILogEventSink>(log));
        });

        bool Refusal(Serilog.Events.LogEvent e) => e.RenderMessage().StartsWith($"The {tier}-tier store refuses", StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!log.Events.Any(Refusal) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        var warning = Assert.Single(log.Events, Refusal);
        Assert.Equal(Serilog.Events.LogEventLevel.Warning, warning.Level);
        var bucket = started.Services.GetRequiredService<IConfiguration>()[$"Storage:{section}:Bucket"];
        Assert.StartsWith($"The {tier}-tier store refuses this service the bucket {bucket} (403 Forbidden", warning.RenderMessage(), StringComparison.Ordinal);
        Assert.EndsWith(
            $"): check Storage:{section}:Bucket, AccessKey, SecretKey and Region; {until} until it is fixed", warning.RenderMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(log.Events, e => e.RenderMessage().Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cloud_tier_that_is_down_at_start_up_leaves_the_service_ready_without_it()
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog")!;
        using var nobody = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        nobody.Start();
        var port = ((System.Net.IPEndPoint)nobody.LocalEndpoint).Port;
        nobody.Stop(); // a port that refuses connections

        await using var started = await AlbaHost.For<Program>(web =>
        {
            CatalogHost.ConfigureTestSettings(web, connectionString);
            web.UseSetting("Storage:Cloud:ServiceUrl", $"http://127.0.0.1:{port}/");
        });

        await started.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBe(200); });
        await started.Scenario(s => { s.Get.Url("/health/cloud"); s.StatusCodeShouldBe(503); });
    }

    [Fact]
    public async Task A_local_tier_that_never_answers_stops_start_up_within_seconds_naming_its_endpoint()
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog")!;
        // Accepts connections (the backlog does) and answers nothing.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var started = await AlbaHost.For<Program>(web =>
            {
                CatalogHost.ConfigureTestSettings(web, connectionString);
                web.UseSetting("Storage:Local:Endpoint", $"http://127.0.0.1:{port}/");
                web.UseSetting("Storage:EnsureBuckets", "true");
            });
        }).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("Storage:Local:Endpoint", Flatten(failure), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Start-up took {clock.Elapsed} to give up");
    }

    private static string Flatten(Exception e) =>
        e is AggregateException aggregate
            ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
            : e.Message + (e.InnerException is null ? "" : "\n" + Flatten(e.InnerException));
}
