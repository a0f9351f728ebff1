using System.Diagnostics;
using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// Stopping the host (SIGTERM) with sockets open: each gets a 1001 close frame at once, its subscriptions stop, and
/// the host stops in about a second instead of waiting out its 30 s shutdown timeout. The test stops its host, so
/// the host is its own.
/// </summary>
public sealed class ShutdownCloseFrameTests : IAsyncLifetime
{
    private const int Clients = 3;
    private readonly KestrelHost host = new("catalog_kestrel_shutdown");
    private readonly List<TransportWsSocket> sockets = [];

    public Task InitializeAsync() => host.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var socket in sockets)
            await socket.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Stopping_the_host_closes_every_socket_with_1001_and_ends_its_subscriptions()
    {
        var user = await host.GraphQL.SignUpAsync();
        for (var i = 0; i < Clients; i++)
        {
            var socket = await TransportWsSocket.ConnectAsync(host.WebSocketUrl);
            sockets.Add(socket);
            await socket.InitAsync(user.Token);
            await socket.SendAsync(new { id = "events", type = "subscribe", payload = new { query = "subscription { fileEvents { kind } }" } });
        }
        var subscriptions = host.Services.GetRequiredService<SharedSubscriptions>();
        Assert.True(await Eventually.HoldsAsync(() => subscriptions.Snapshot() is [{ Members: Clients }]));

        var elapsed = Stopwatch.StartNew();
        var stopping = host.StopAsync();

        var closes = await Task.WhenAll(sockets.Select(socket => socket.ClosedAsync())).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.All(closes, close => Assert.Equal((1001, "Server shutting down"), close));
        foreach (var socket in sockets)
            await socket.DisposeAsync(); // answers the close, as clients do
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(10), $"The host took {elapsed.Elapsed} to stop");
        Assert.Empty(subscriptions.Snapshot());
    }
}
