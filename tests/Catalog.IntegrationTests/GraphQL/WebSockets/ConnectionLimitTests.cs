using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// One user holds at most GraphQL:WebSockets:MaxConnectionsPerUser sockets (32 by default); sockets without a token at
/// most MaxAnonymousConnections (64) together.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class ConnectionLimitTests(CatalogHost host) : IAsyncLifetime
{
    private const int Limit = 32;
    private readonly List<TransportWsSocket> sockets = [];

    public Task InitializeAsync() => host.ResetDataAsync();

    public async Task DisposeAsync()
    {
        foreach (var socket in sockets)
            await socket.DisposeAsync();
    }

    [Fact]
    public async Task A_connection_beyond_the_users_limit_is_closed_with_1008_and_a_closed_one_frees_its_place()
    {
        Assert.Equal(Limit, new GraphQLWebSocketOptions().MaxConnectionsPerUser);
        var user = await host.GraphQL.SignUpAsync();
        var other = await host.GraphQL.SignUpAsync();
        for (var i = 0; i < Limit; i++)
            await (await OpenAsync()).InitAsync(user.Token);

        var beyond = await OpenAsync();
        await beyond.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + user.Token } });
        await (await OpenAsync()).InitAsync(other.Token);

        var (code, reason) = await beyond.ClosedAsync();
        Assert.Equal(1008, code);
        Assert.Contains("Too many connections", reason, StringComparison.Ordinal);

        var first = sockets[0];
        await first.SendAsync(new { type = "bye" }); // of no known type: the server closes it with 4400
        await first.ClosedAsync();
        await first.DisposeAsync();
        // The server lets it go once its close is answered: its place is free a moment later.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? answer;
        do
        {
            var again = await OpenAsync();
            await again.SendAsync(new { type = "connection_init", payload = new { authorization = "Bearer " + user.Token } });
            answer = (await again.ReceiveOrCloseAsync()).Message?.GetProperty("type").GetString();
            if (answer != "connection_ack")
                await Task.Delay(100);
        }
        while (answer != "connection_ack" && DateTime.UtcNow < deadline);
        Assert.Equal("connection_ack", answer);
    }

    [Fact]
    public async Task Connections_without_a_token_are_capped_together_and_a_users_are_not_among_them()
    {
        var anonymousLimit = new GraphQLWebSocketOptions().MaxAnonymousConnections;
        Assert.Equal(64, anonymousLimit);
        for (var i = 0; i < anonymousLimit; i++)
        {
            var socket = await OpenAsync();
            await socket.SendAsync(new { type = "connection_init" });
            Assert.Equal("connection_ack", (await socket.ReceiveOrCloseAsync()).Message?.GetProperty("type").GetString());
        }

        var beyond = await OpenAsync();
        await beyond.SendAsync(new { type = "connection_init" });
        var (code, reason) = await beyond.ClosedAsync();
        Assert.Equal(1008, code);
        Assert.Contains("without a token", reason, StringComparison.Ordinal);

        var user = await host.GraphQL.SignUpAsync();
        await (await OpenAsync()).InitAsync(user.Token);
    }

    private async Task<TransportWsSocket> OpenAsync()
    {
        var socket = await TransportWsSocket.ConnectAsync(host.Host);
        sockets.Add(socket);
        return socket;
    }
}
