using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// Clients that drop their TCP connections without a close frame leave nothing behind: their subscriptions stop and
/// their places under GraphQL:WebSockets:MaxConnectionsPerUser are free again. Over TCP, on a host of its own.
/// </summary>
public sealed class AbortedClientTests : IAsyncLifetime
{
    private const int Limit = 32;
    private readonly KestrelHost host = new("catalog_kestrel_aborted");

    public Task InitializeAsync() => host.InitializeAsync();
    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_users_sockets_dropped_mid_subscription_free_their_places_and_subscriptions()
    {
        var user = await host.GraphQL.SignUpAsync();
        var subscriptions = host.Services.GetRequiredService<SharedSubscriptions>();
        var dropped = new List<ClientWebSocket>();
        for (var i = 0; i < Limit; i++)
            dropped.Add(await SubscribedAsync(user.Token, $"subscription S{i} {{ fileEvents {{ kind }} }}"));
        Assert.True(await Eventually.HoldsAsync(() => subscriptions.Snapshot().Count == Limit));

        foreach (var socket in dropped)
        {
            socket.Abort();
            socket.Dispose();
        }

        Assert.True(await Eventually.HoldsAsync(() => subscriptions.Snapshot().Count == 0), "a dropped socket's subscription still runs");
        var again = new List<ClientWebSocket>();
        for (var i = 0; i < Limit; i++)
            again.Add(await SubscribedAsync(user.Token, "subscription { fileEvents { kind } }"));
        foreach (var socket in again)
            socket.Dispose();
    }

    private async Task<ClientWebSocket> SubscribedAsync(string token, string query)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(GraphQLWebSocketEndpoint.SubProtocol);
        await socket.ConnectAsync(host.WebSocketUrl, CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Text, received.MessageType); // not closed with 1008: the user has a place
        Assert.Contains("connection_ack", Encoding.UTF8.GetString(buffer, 0, received.Count), StringComparison.Ordinal);
        await SendAsync(socket, new { id = "events", type = "subscribe", payload = new { query } });
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);
}
