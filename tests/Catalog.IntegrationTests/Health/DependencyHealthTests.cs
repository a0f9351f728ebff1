using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog.Events;

namespace Catalog.IntegrationTests.Health;

/// <summary>A dependency that is down or hung is reported as unhealthy, with a reason and without a logged stack.</summary>
[Collection(CatalogCollection.Name)]
public sealed class LocalTierHealthTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public async Task DisposeAsync() => await host.ResetDataAsync();

    [Fact]
    public async Task With_the_local_tier_down_the_service_is_not_ready_and_says_why_without_a_stack()
    {
        var before = host.Log.Events.Count;
        host.LocalProxy.Down();

        var (status, checks) = await HealthOf(host.GraphQL.Http, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks.GetProperty("local-tier").GetProperty("status").GetString());
        Assert.StartsWith("The local tier does not answer", checks.GetProperty("local-tier").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
        Assert.All(host.Log.Events.Skip(before), e => Assert.Null(e.Exception));
    }

    [Fact]
    public async Task An_outage_is_logged_once_when_it_starts_and_once_when_it_ends_however_often_it_is_probed()
    {
        await HealthOf(host.GraphQL.Http, "/health/ready");
        var before = host.Log.Events.Count;
        host.LocalProxy.Down();

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await HealthOf(host.GraphQL.Http, "/health/ready")).Status);
        host.LocalProxy.Up();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await HealthOf(host.GraphQL.Http, "/health/ready")).Status);

        var lines = host.Log.Events.Skip(before)
            .Where(e => e.Level >= LogEventLevel.Warning || e.MessageTemplate.Text.StartsWith("Health:", StringComparison.Ordinal))
            .Select(e => (e.Level, Text: e.RenderMessage(CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Collection(lines,
            down => Assert.Equal((LogEventLevel.Warning, true), (down.Level, down.Text.StartsWith("Health: \"The local tier\" is unhealthy: \"The local tier does not answer", StringComparison.Ordinal))),
            back => Assert.Equal((LogEventLevel.Information, "Health: \"The local tier\" answers again"), (back.Level, back.Text)));
    }

    [Fact]
    public async Task A_local_tier_that_never_answers_is_reported_unhealthy_after_the_probe_timeout()
    {
        // The local tier's client sets no time limit of its own (it streams uploads), so only the probe's applies.
        var held = host.LocalProxy.HoldTraffic();
        var clock = Stopwatch.StartNew();

        var (status, checks) = await HealthOf(host.GraphQL.Http, "/health/ready");
        host.LocalProxy.Release();

        Assert.True(held.IsCompleted, "the probe reached the held endpoint");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("The local tier did not answer within 5 s.", checks.GetProperty("local-tier").GetProperty("description").GetString());
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30));
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Checks)> HealthOf(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, body.GetProperty("checks").Clone());
    }
}

[Collection(SyncCollection.Name)]
public sealed class CloudTierHealthTests(SyncHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetAsync();
    public async Task DisposeAsync() => await host.ResetAsync();

    [Fact]
    public async Task With_the_cloud_tier_down_the_service_stays_ready_and_the_cloud_check_says_why()
    {
        host.CloudProxy.Down();

        var (readyStatus, ready) = await LocalTierHealthTests.HealthOf(host.GraphQL.Http, "/health/ready");
        var (cloudStatus, cloud) = await LocalTierHealthTests.HealthOf(host.GraphQL.Http, "/health/cloud");

        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.False(ready.TryGetProperty("cloud-tier", out _));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, cloudStatus);
        Assert.StartsWith("The cloud tier does not answer", cloud.GetProperty("cloud-tier").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>Npgsql does not give up on a server that accepts and then hangs when its token is cancelled; the probe must.</summary>
public sealed class DependencyProbeTests
{
    [Fact]
    public async Task A_question_that_ignores_its_cancellation_is_answered_unhealthy_after_the_timeout()
    {
        var neverAnswers = new TaskCompletionSource<HealthCheckResult>();
        var clock = Stopwatch.StartNew();

        var probe = DependencyProbe.RunAsync("Postgres", _ => neverAnswers.Task, CancellationToken.None);
        var first = await Task.WhenAny(probe, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(probe, first);
        var result = await probe;
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Postgres did not answer within 5 s.", result.Description);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10));
    }
}
