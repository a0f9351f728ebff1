using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// A client whose WebSocket answers no ping frame (frozen, or gone without a close) is dropped after
/// GraphQL:WebSockets:KeepAliveTimeout, with its subscriptions; one that reads stays. Over TCP, on a host of its own
/// whose ping frames go out every second.
/// </summary>
public sealed class DeadClientTests : IAsyncLifetime
{
    private readonly KestrelHost host = new("catalog_kestrel_deadclient", new Dictionary<string, string>
    {
        ["GraphQL:WebSockets:KeepAliveInterval"] = "00:00:01",
        ["GraphQL:WebSockets:KeepAliveTimeout"] = "00:00:01",
    });

    public Task InitializeAsync() => host.InitializeAsync();
    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_client_that_answers_no_ping_is_dropped_and_one_that_reads_stays()
    {
        var frozenUser = await host.GraphQL.SignUpAsync();
        var liveUser = await host.GraphQL.SignUpAsync();
        using var frozen = await SubscribedAsync(frozenUser.Token);
        using var live = await SubscribedAsync(liveUser.Token);
        var subscriptions = host.Services.GetRequiredService<SharedSubscriptions>();
        Assert.True(await Eventually.HoldsAsync(() => subscriptions.Snapshot().Count == 2));

        // The live client keeps a receive pending, as every client that reads does, so its stack answers the pings;
        // the frozen one reads nothing, so its stack never sees them.
        var liveReceives = ReceiveTextAsync(live);

        Assert.True(await Eventually.HoldsAsync(() => subscriptions.Snapshot().Count == 1), "The frozen client's subscription is still running");
        await Task.Delay(TimeSpan.FromSeconds(3)); // pings answered for three more seconds
        await host.GraphQL.UploadAsync(liveUser.Token, "alive.txt", "alive"u8.ToArray());
        using var next = JsonDocument.Parse(await liveReceives.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal("next", next.RootElement.GetProperty("type").GetString());
        Assert.Equal(WebSocketState.Open, live.State);
    }

    private async Task<ClientWebSocket> SubscribedAsync(string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(GraphQLWebSocketEndpoint.SubProtocol);
        socket.Options.KeepAliveInterval = TimeSpan.Zero; // no pongs of its own: only answers to the server's pings
        await socket.ConnectAsync(host.WebSocketUrl, CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        using (var ack = JsonDocument.Parse(await ReceiveTextAsync(socket)))
            Assert.Equal("connection_ack", ack.RootElement.GetProperty("type").GetString());
        await SendAsync(socket, new { id = "events", type = "subscribe", payload = new { query = "subscription { fileEvents { kind } }" } });
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
