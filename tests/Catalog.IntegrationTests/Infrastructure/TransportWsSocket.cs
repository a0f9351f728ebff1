using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Alba;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>A raw graphql-transport-ws socket against the test server, to send what a well-behaved client never would.</summary>
public sealed class TransportWsSocket : IAsyncDisposable
{
    public const string SubProtocol = "graphql-transport-ws";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly WebSocket socket;

    private TransportWsSocket(WebSocket socket) => this.socket = socket;

    /// <summary>A socket to the in-memory host; an <paramref name="upgradeAuthorization"/> goes in the upgrade request's header.</summary>
    public static async Task<TransportWsSocket> ConnectAsync(IAlbaHost host, string? subProtocol = SubProtocol, string? upgradeAuthorization = null)
    {
        var client = host.Server.CreateWebSocketClient();
        if (subProtocol is not null)
            client.SubProtocols.Add(subProtocol);
        if (upgradeAuthorization is not null)
            client.ConfigureRequest = request => request.Headers.Authorization = upgradeAuthorization;
        using var timeout = new CancellationTokenSource(Patience);
        return new TransportWsSocket(await client.ConnectAsync(new Uri("ws://localhost/graphql"), timeout.Token));
    }

    /// <summary>A socket over TCP to a host on Kestrel; a <paramref name="bearer"/> token goes in the upgrade request's header.</summary>
    public static async Task<TransportWsSocket> ConnectAsync(Uri url, string? bearer = null)
    {
        var client = new ClientWebSocket();
        client.Options.AddSubProtocol(SubProtocol);
        if (bearer is not null)
            client.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        using var timeout = new CancellationTokenSource(Patience);
        await client.ConnectAsync(url, timeout.Token);
        return new TransportWsSocket(client);
    }

    public string? SubProtocolChosen => socket.SubProtocol;

    public Task SendAsync(object message) => SendTextAsync(JsonSerializer.Serialize(message));

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    public async Task InitAsync(string? token = null)
    {
        await SendAsync(token is null
            ? new { type = "connection_init" }
            : new { type = "connection_init", payload = new { authorization = "Bearer " + token } });
        Assert.Equal("connection_ack", (await ReceiveAsync()).GetProperty("type").GetString());
    }

    /// <summary>The next message; fails the test if the server closes instead.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var (message, close) = await ReceiveOrCloseAsync();
        Assert.True(message is not null, $"Expected a message, the server closed with {close}");
        return message!.Value;
    }

    /// <summary>Reads until the server closes, returning its close code and reason.</summary>
    public async Task<(int Code, string Reason)> ClosedAsync()
    {
        while (true)
        {
            var (_, close) = await ReceiveOrCloseAsync();
            if (close is { } c)
                return c;
        }
    }

    /// <summary>The next message, or the server's close.</summary>
    public async Task<(JsonElement? Message, (int Code, string Reason)? Close)> ReceiveOrCloseAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
                return (null, ((int)received.CloseStatus!, received.CloseStatusDescription ?? ""));
            text.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return (JsonDocument.Parse(text.ToArray()).RootElement.Clone(), null);
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived) // CloseReceived: answer the server's close
        {
            using var timeout = new CancellationTokenSource(Patience);
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            // IOException: the in-memory test server's socket, already closed by the server
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
            }
        }
        socket.Dispose();
    }
}
