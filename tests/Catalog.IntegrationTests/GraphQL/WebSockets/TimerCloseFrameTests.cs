using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// Closes the server's timers decide on, over real TCP: the client must receive the close frame with the protocol's
/// code, not a reset. A client that sends nothing meanwhile has a receive pending on the server when the timer fires.
/// </summary>
[Collection(KestrelCollection.Name)]
public sealed class TimerCloseFrameTests(KestrelHost host) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        host.Clock.Restart();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_client_that_never_sends_connection_init_receives_a_4408_close_frame()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.WebSocketUrl);
        await socket.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await socket.ReceiveAsync()).GetProperty("type").GetString()); // its timers are running now

        host.Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal((4408, "Connection initialisation timeout"), await socket.ClosedAsync());
    }

    [Fact]
    public async Task A_connection_init_token_that_expires_gives_a_4403_close_frame()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.WebSocketUrl);
        await socket.InitAsync(user.Token);

        host.Clock.Advance(TimeSpan.FromHours(2)); // tokens live an hour

        var (code, reason) = await socket.ClosedAsync();
        Assert.Equal(4403, code);
        Assert.Contains("expired", reason);
    }

    [Fact]
    public async Task A_token_in_the_upgrade_request_that_expires_gives_a_4403_close_frame()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.WebSocketUrl, bearer: user.Token);
        await socket.SendAsync(new { type = "connection_init", payload = new { } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        await socket.SendAsync(new { id = "me", type = "subscribe", payload = new { query = "{ me { email } }" } });
        var me = await socket.ReceiveAsync();
        Assert.Equal(user.Email, me.GetProperty("payload").GetProperty("data").GetProperty("me").GetProperty("email").GetString());

        host.Clock.Advance(TimeSpan.FromHours(2));

        var (code, reason) = await socket.ClosedAsync();
        Assert.Equal(4403, code);
        Assert.Contains("expired", reason);
    }
}
