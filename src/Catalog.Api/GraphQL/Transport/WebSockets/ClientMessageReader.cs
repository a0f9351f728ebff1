using System.Net.WebSockets;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>Reads whole text messages from a socket, refusing binary ones and any larger than the limit.</summary>
public sealed class ClientMessageReader(WebSocket socket, int maxMessageBytes)
{
    /// <summary>Handles messages in order until the client closes; throws <see cref="CloseConnection"/> on a bad one.</summary>
    public async Task ForEachAsync(Func<ClientMessage, CancellationToken, Task> handle, CancellationToken ct)
    {
        var chunk = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            ValueWebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(chunk.AsMemory(), ct);
                if (received.MessageType == WebSocketMessageType.Close)
                    return;
                if (message.Length + received.Count > maxMessageBytes)
                    throw new CloseConnection(CloseCodes.MessageTooBig, $"Messages may be at most {maxMessageBytes} bytes");
                message.Write(chunk, 0, received.Count);
            }
            while (!received.EndOfMessage);

            if (received.MessageType != WebSocketMessageType.Text)
                throw new CloseConnection(CloseCodes.BadRequest, "Invalid message received: only text messages are accepted");
            await handle(ClientMessage.Parse(message.GetBuffer().AsSpan(0, (int)message.Length)), ct);
        }
    }
}
