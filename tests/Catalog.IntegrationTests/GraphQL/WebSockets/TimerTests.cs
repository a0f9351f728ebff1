using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>The protocol's timers, on the strict host whose clock the tests move.</summary>
[Collection(StrictLimitsCollection.Name)]
public sealed class TimerTests(StrictLimitsHost host)
{
    [Fact]
    public async Task A_client_that_never_sends_connection_init_is_closed_with_4408()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.SendAsync(new { type = "ping" });
        Assert.Equal("pong", (await socket.ReceiveAsync()).GetProperty("type").GetString()); // its timers are running now

        host.Clock.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(4408, (await socket.ClosedAsync()).Code);
    }

    [Fact]
    public async Task The_server_pings_an_idle_connection()
    {
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync();

        host.Clock.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal("ping", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        await socket.SendAsync(new { type = "pong" });
    }

    [Fact]
    public async Task A_connection_is_closed_with_4403_when_its_token_expires()
    {
        var user = await host.GraphQL.SignUpAsync();
        await using var socket = await TransportWsSocket.ConnectAsync(host.Host);
        await socket.InitAsync(user.Token);

        // Tokens live an hour from the real time they were issued; this clock started with the host, and has moved since.
        host.Clock.Advance(TimeSpan.FromHours(2));

        var (code, reason) = await socket.ClosedAsync();
        Assert.Equal(4403, code);
        Assert.Contains("expired", reason);
    }
}
