using System.Net.WebSockets;
using System.Threading.Channels;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>
/// What one connection still has to send: a bounded queue drained by a single loop, so producers (subscriptions,
/// the daemon's feed) never wait on a slow client. When the queue holds <paramref name="capacity"/> messages, or
/// <paramref name="maxPendingBytes"/> bytes not yet sent, the client is too slow: the connection is closed with 1013
/// and what was waiting is dropped, so memory per connection stays bounded whatever the size of the messages.
/// </summary>
public sealed class Outbox(WebSocket socket, int capacity, long maxPendingBytes, TimeProvider time)
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StuckSendGrace = TimeSpan.FromSeconds(1);

    private readonly Channel<byte[]> queue = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource sendAbort = new(Timeout.InfiniteTimeSpan, time);
    private CloseConnection? closing;
    private volatile bool dropPending;
    private long pendingBytes;

    public CloseConnection? Closing => Volatile.Read(ref closing);

    /// <summary>Queues a message; false when the connection is closing (or just closed for being too slow).</summary>
    public bool Send(byte[] message)
    {
        if (Closing is not null)
            return false;
        // One message is always taken when nothing waits, so no single result is too large for a prompt reader.
        var waiting = Interlocked.Add(ref pendingBytes, message.Length);
        if ((waiting <= maxPendingBytes || waiting == message.Length) && queue.Writer.TryWrite(message))
            return true;
        Interlocked.Add(ref pendingBytes, -message.Length);
        Close(new CloseConnection(CloseCodes.TryAgainLater,
            $"Too slow: more than {capacity} messages or {maxPendingBytes} bytes were waiting to be sent. Reconnect and catch up."),
            dropPending: true);
        return false;
    }

    /// <summary>Ends the connection with a close code; the first reason given wins.</summary>
    public void Close(CloseConnection reason, bool dropPending = false)
    {
        if (Interlocked.CompareExchange(ref closing, reason, null) is not null)
            return;
        this.dropPending = dropPending;
        queue.Writer.TryComplete();
        // A client that reads nothing leaves a send hanging: give up on it (aborting the socket) after a grace period.
        sendAbort.CancelAfter(dropPending ? StuckSendGrace : CloseGrace);
    }

    /// <summary>Sends until closed, then sends the close frame.</summary>
    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, sendAbort.Token);
        try
        {
            await foreach (var message in queue.Reader.ReadAllAsync(linked.Token))
            {
                if (dropPending)
                    break;
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, linked.Token);
                Interlocked.Add(ref pendingBytes, -message.Length);
            }
            if (Closing is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, linked.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client is gone or stuck; the socket is aborted and nothing more can be said to it.
        }
    }
}
