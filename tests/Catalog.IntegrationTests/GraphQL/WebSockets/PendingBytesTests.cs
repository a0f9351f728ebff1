using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// A client that sends queries and reads none of their results holds at most GraphQL:WebSockets:MaxPendingBytes of
/// them in the server's memory, not MaxPendingMessages results of whatever size. Over TCP, where a client that does not
/// read makes the server's sends wait.
/// </summary>
public sealed class PendingBytesTests : IAsyncLifetime
{
    // Introspection gives a large result without data to set up.
    private const string LargeResult = "{ __schema { types { name description fields { name description args { name description } type { name kind ofType { name kind } } } } } }";
    private const int Queries = 600; // fewer than MaxPendingMessages (1024): a bound counted in messages alone never closes it
    // Less than the default, so that what the TCP buffers hold beyond it (megabytes on loopback) is plainly no cause.
    private const long PendingBytes = 1024 * 1024;

    private readonly KestrelHost host = new("catalog_kestrel_pendingbytes", new Dictionary<string, string>
    {
        ["GraphQL:Introspection"] = "true",
        ["GraphQL:WebSockets:MaxPendingBytes"] = PendingBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public Task InitializeAsync() => host.InitializeAsync();
    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_client_that_reads_none_of_its_large_results_is_cut_off_before_they_all_wait_in_memory()
    {
        Assert.True(Queries < new GraphQLWebSocketOptions().MaxPendingMessages);
        var user = await host.GraphQL.SignUpAsync();
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(GraphQLWebSocketEndpoint.SubProtocol);
        await socket.ConnectAsync(host.WebSocketUrl, CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init", payload = new { authorization = "Bearer " + user.Token } });
        var (ack, _) = await ReceiveAsync(socket);
        Assert.Contains("connection_ack", ack, StringComparison.Ordinal);
        await SendAsync(socket, new { id = "first", type = "subscribe", payload = new { query = LargeResult } });
        var (first, _) = await ReceiveAsync(socket);
        var resultBytes = Encoding.UTF8.GetByteCount(first);
        Assert.True(resultBytes * Queries > 20 * PendingBytes, $"a result is only {resultBytes} bytes");

        try
        {
            for (var i = 0; i < Queries; i++)
                await SendAsync(socket, new { id = $"q{i}", type = "subscribe", payload = new { query = LargeResult } });
        }
        catch (WebSocketException)
        {
            // already cut off
        }
        // The server gives up on the client: the connection ends on its side while the client has read nothing more. Its
        // close frame cannot reach a client that reads nothing, so the socket is aborted after a grace period of the
        // WebSocket clock, which this host's tests move.
        var connections = host.Services.GetRequiredService<UserConnections>();
        Assert.True(await Eventually.HoldsAsync(() =>
            {
                host.Clock.Advance(TimeSpan.FromMilliseconds(250));
                return connections.OpenOf(user.Id) == 0;
            }),
            "the server still holds the connection of a client that reads none of its results");

        var results = 0;
        while (results < Queries)
        {
            try
            {
                var (message, closed) = await ReceiveAsync(socket);
                if (closed)
                    break;
                if (message.Contains("\"type\":\"next\"", StringComparison.Ordinal))
                    results++;
            }
            catch (WebSocketException)
            {
                break; // aborted: the close frame could not be sent to a client that read nothing
            }
        }
        Assert.InRange(results, 0, Queries - 1);
    }

    private static Task SendAsync(ClientWebSocket socket, object message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<(string Message, bool Closed)> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        ValueWebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
                return ("", true);
            text.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return (Encoding.UTF8.GetString(text.ToArray()), false);
    }
}
