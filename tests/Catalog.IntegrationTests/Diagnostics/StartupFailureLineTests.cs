using System.Net;
using System.Net.Sockets;
using Catalog.Api.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Catalog.IntegrationTests.Diagnostics;

/// <summary>The host's "Hosting failed to start", as the console writes it.</summary>
public sealed class StartupFailureLineTests : IDisposable
{
    private const string HostSource = "Microsoft.Extensions.Hosting.Internal.Host";
    private readonly List<LogEvent> written = [];
    private readonly Logger logger;

    public StartupFailureLineTests() =>
        logger = new LoggerConfiguration().MinimumLevel.Verbose()
            .WriteTo.Sink(new StartupFailureLine(new CollectingSink(written))).CreateLogger();

    public void Dispose() => logger.Dispose();

    [Fact]
    public async Task A_Postgres_that_refuses_the_connection_is_one_line_naming_the_setting_and_the_address()
    {
        var port = UnusedPort();
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Database=catalog;Username=postgres;Pooling=false");
        var refused = await Assert.ThrowsAsync<NpgsqlException>(() => connection.OpenAsync());

        HostFailed(new AggregateException(refused));

        var line = Assert.Single(written);
        Assert.Equal(
            $"The service could not start: Postgres (ConnectionStrings:Catalog): Failed to connect to 127.0.0.1:{port}: Connection refused",
            line.RenderMessage());
        Assert.Null(line.Exception);
        Assert.Equal((LogEventLevel.Error, HostSource), (line.Level, SourceOf(line)));
    }

    [Fact]
    public void Postgres_refusing_the_database_or_role_is_named_with_its_code()
    {
        HostFailed(new PostgresException("database \"nosuch\" does not exist", "FATAL", "FATAL", "3D000"));

        Assert.Equal(
            "The service could not start: Postgres (ConnectionStrings:Catalog): 3D000: database \"nosuch\" does not exist",
            Assert.Single(written).RenderMessage());
    }

    [Fact]
    public void Invalid_or_missing_settings_and_a_port_in_use_are_one_line_each()
    {
        HostFailed(new InvalidOperationException("resolving a service failed",
            new OptionsValidationException("Storage", typeof(object), ["Storage:Local:AccessKey is required."])));
        HostFailed(new InvalidSettingException("ConnectionStrings:Catalog is required"));
        HostFailed(new IOException("Failed to bind to address http://127.0.0.1:8080: address already in use.",
            new Microsoft.AspNetCore.Connections.AddressInUseException("Address already in use")));

        Assert.Equal(
            [
                "The service could not start: Storage:Local:AccessKey is required.",
                "The service could not start: ConnectionStrings:Catalog is required",
                "The service could not start: Failed to bind to address http://127.0.0.1:8080: address already in use.",
            ],
            written.Select(e => e.RenderMessage()));
        Assert.All(written, e => Assert.Null(e.Exception));
    }

    [Fact]
    public void Settings_of_several_sections_refused_together_are_all_named()
    {
        HostFailed(new AggregateException(
            new OptionsValidationException("Sync", typeof(object), ["Sync:BatchSize must be between 1 and 10000, got 0."]),
            new OptionsValidationException("Deletion", typeof(object), ["Deletion:PurgeRetries must be between 0 and 10."])));

        Assert.Equal(
            "The service could not start: Sync:BatchSize must be between 1 and 10000, got 0. Deletion:PurgeRetries must be between 0 and 10.",
            Assert.Single(written).RenderMessage());
    }

    [Fact]
    public void A_setting_that_is_not_of_its_type_is_named_with_its_value()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection([new("Auth:TokenLifetime", "soon")]).Build();
        var unconvertible = Assert.Throws<InvalidOperationException>(() => settings.GetSection("Auth").Get<TokenSettings>());

        HostFailed(unconvertible);

        Assert.Equal(
            "The service could not start: Failed to convert configuration value 'soon' at 'Auth:TokenLifetime' to type 'System.TimeSpan'.",
            Assert.Single(written).RenderMessage());
    }

    [Fact]
    public void A_Postgres_error_about_what_is_asked_is_the_codes_and_keeps_its_stack()
    {
        var schemaBug = new PostgresException("syntax error at or near \"indx\"", "ERROR", "ERROR", "42601");

        HostFailed(schemaBug);

        var line = Assert.Single(written);
        Assert.Equal("Hosting failed to start", line.RenderMessage());
        Assert.Same(schemaBug, line.Exception);
    }

    [Fact]
    public void A_bad_setting_beside_a_failure_of_the_code_keeps_the_stack_of_both()
    {
        var both = new AggregateException(
            new OptionsValidationException("Sync", typeof(object), ["Sync:BatchSize must be between 1 and 10000, got 0."]),
            new InvalidOperationException("A projection was registered twice."));

        HostFailed(both);

        Assert.Same(both, Assert.Single(written).Exception);
    }

    [Fact]
    public void Disposing_the_line_disposes_the_sinks_behind_it()
    {
        var behind = new DisposableSink();

        new StartupFailureLine(behind).Dispose();

        Assert.True(behind.Disposed);
    }

    [Fact]
    public void Any_other_failure_to_start_keeps_its_stack()
    {
        var bug = new InvalidOperationException("A projection was registered twice.");

        HostFailed(bug);

        var line = Assert.Single(written);
        Assert.Equal("Hosting failed to start", line.RenderMessage());
        Assert.Same(bug, line.Exception);
    }

    [Fact]
    public void The_same_failure_from_another_source_or_message_passes_unchanged()
    {
        var refused = new PostgresException("database \"nosuch\" does not exist", "FATAL", "FATAL", "3D000");

        logger.ForContext("SourceContext", "Catalog.Sync.Runs.StalledRunWatch").Error(refused, "Hosting failed to start");
        logger.ForContext("SourceContext", HostSource).Error(refused, "BackgroundService failed");

        Assert.Equal(2, written.Count);
        Assert.All(written, e => Assert.Same(refused, e.Exception));
    }

    private sealed class DisposableSink : ILogEventSink, IDisposable
    {
        public bool Disposed { get; private set; }
        public void Emit(LogEvent logEvent) { }
        public void Dispose() => Disposed = true;
    }

    private sealed class TokenSettings
    {
        public TimeSpan TokenLifetime { get; set; }
    }

    private void HostFailed(Exception failure) =>
        logger.ForContext("SourceContext", HostSource).Error(failure, "Hosting failed to start");

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? SourceOf(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var value) ? (value as ScalarValue)?.Value as string : null;
}
