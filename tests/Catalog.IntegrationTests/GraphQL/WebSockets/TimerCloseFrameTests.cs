using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// Closes the server's timers decide on, over real TCP: every client must receive the close frame with the protocol's
/// code, not a reset. A client that sends nothing meanwhile has a receive pending on the server when the timer fires.
/// Each test runs several clients at once: whether one frame got out before a reset was a race, so one client that got
/// its frame would prove little.
/// </summary>
[Collection(KestrelCollection.Name)]
public sealed class TimerCloseFrameTests(KestrelHost host) : IAsyncLifetime
{
    private const int Clients = 5;
    private readonly List<TransportWsSocket> sockets = [];

    public Task InitializeAsync()
    {
        host.Clock.Restart();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var socket in sockets)
            await socket.DisposeAsync();
    }

    [Fact]
    public async Task Clients_that_never_send_connection_init_receive_a_4408_close_frame()
    {
        foreach (var socket in await ConnectAsync())
        {
            await socket.SendAsync(new { type = "ping" });
            Assert.Equal("pong", (await socket.ReceiveAsync()).GetProperty("type").GetString()); // its timers are running now
        }

        host.Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.All(await ClosedAsync(), close => Assert.Equal((4408, "Connection initialisation timeout"), close));
    }

    [Fact]
    public async Task A_connection_init_token_that_expires_gives_a_4403_close_frame()
    {
        var user = await host.GraphQL.SignUpAsync();
        foreach (var socket in await ConnectAsync())
            await socket.InitAsync(user.Token);

        host.Clock.Advance(TimeSpan.FromHours(2)); // tokens live an hour

        Assert.All(await ClosedAsync(), AssertExpired);
    }

    [Fact]
    public async Task A_token_in_the_upgrade_request_that_expires_gives_a_4403_close_frame()
    {
        var user = await host.GraphQL.SignUpAsync();
        foreach (var socket in await ConnectAsync(bearer: user.Token))
        {
            await socket.SendAsync(new { type = "connection_init", payload = new { } });
            Assert.Equal("connection_ack", (await socket.ReceiveAsync()).GetProperty("type").GetString());
            await socket.SendAsync(new { id = "me", type = "subscribe", payload = new { query = "{ me { email } }" } });
            var me = await socket.ReceiveAsync();
            Assert.Equal(user.Email, me.GetProperty("payload").GetProperty("data").GetProperty("me").GetProperty("email").GetString());
        }

        host.Clock.Advance(TimeSpan.FromHours(2));

        Assert.All(await ClosedAsync(), AssertExpired);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_connection_lasts_as_long_as_HTTP_takes_its_token_the_expiry_plus_the_30_s_clock_skew(bool inUpgrade)
    {
        var user = await host.GraphQL.SignUpAsync();
        foreach (var socket in await ConnectAsync(bearer: inUpgrade ? user.Token : null))
            await socket.InitAsync(inUpgrade ? null : user.Token);

        host.Clock.Advance(ExpiryOf(user.Token) - host.Clock.GetUtcNow() + TimeSpan.FromSeconds(20));
        foreach (var socket in sockets)
        {
            await socket.SendAsync(new { type = "ping" });
            Assert.Equal("pong", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        }

        host.Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.All(await ClosedAsync(), AssertExpired);
    }

    private static DateTimeOffset ExpiryOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '='));
        return DateTimeOffset.FromUnixTimeSeconds(System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("exp").GetInt64());
    }

    private async Task<IReadOnlyList<TransportWsSocket>> ConnectAsync(string? bearer = null)
    {
        for (var i = 0; i < Clients; i++)
            sockets.Add(await TransportWsSocket.ConnectAsync(host.WebSocketUrl, bearer));
        return sockets;
    }

    private Task<(int Code, string Reason)[]> ClosedAsync() => Task.WhenAll(sockets.Select(socket => socket.ClosedAsync()));

    private static void AssertExpired((int Code, string Reason) close)
    {
        Assert.Equal(4403, close.Code);
        Assert.Contains("expired", close.Reason);
    }
}
