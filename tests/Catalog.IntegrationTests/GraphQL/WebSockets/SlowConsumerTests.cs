using System.IO.Pipelines;
using System.Net.WebSockets;
using Catalog.Api.GraphQL.Transport.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

/// <summary>
/// The per-connection outbox against real WebSockets over in-memory pipes whose small buffer makes the server's sends
/// wait for the client to read, so a client that stops reading is a client that falls behind.
/// </summary>
public sealed class SlowConsumerTests : IDisposable
{
    private const int Capacity = 2;
    private readonly FakeTimeProvider clock = new();
    private readonly Pipe toClient = new(new PipeOptions(pauseWriterThreshold: 64, resumeWriterThreshold: 32));
    private readonly WebSocket server;
    private readonly WebSocket client;
    private readonly Outbox outbox;

    public SlowConsumerTests()
    {
        var toServer = new Pipe();
        server = WebSocket.CreateFromStream(new PipeDuplexStream(toServer.Reader, toClient.Writer), new WebSocketCreationOptions { IsServer = true });
        client = WebSocket.CreateFromStream(new PipeDuplexStream(toClient.Reader, toServer.Writer), new WebSocketCreationOptions { IsServer = false });
        outbox = new Outbox(server, Capacity, long.MaxValue, clock);
    }

    [Fact]
    public async Task A_client_that_falls_behind_is_closed_with_1013_and_a_reason_and_the_backlog_is_dropped()
    {
        var running = outbox.RunAsync(CancellationToken.None);

        var accepted = Enumerable.Range(0, 10).Count(_ => outbox.Send(new byte[1000]));

        Assert.InRange(accepted, 1, Capacity + 1); // the queue, plus the one message being sent
        Assert.Equal(CloseCodes.TryAgainLater, outbox.Closing?.Code);
        var (messages, status, reason) = await ReadUntilCloseAsync();
        Assert.InRange(messages, 0, 1); // only the message already on the wire
        Assert.Equal(CloseCodes.TryAgainLater, status);
        Assert.Contains("Too slow", reason);
        await running;
    }

    [Fact]
    public async Task A_client_that_reads_nothing_at_all_is_cut_off_after_a_grace_period()
    {
        var running = outbox.RunAsync(CancellationToken.None);
        Assert.True(outbox.Send(new byte[1000]));
        await BytesOnTheWireAsync(); // the first send now waits for a reader that never comes
        while (outbox.Send(new byte[1000]))
        {
        }
        await Task.Delay(300); // time enough for a cut-off that did not wait for the clock

        Assert.False(running.IsCompleted);
        Assert.Equal(WebSocketState.Open, server.State);
        clock.Advance(TimeSpan.FromSeconds(1));

        await running.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(WebSocketState.Aborted, server.State);
    }

    private async Task BytesOnTheWireAsync()
    {
        var read = await toClient.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        toClient.Reader.AdvanceTo(read.Buffer.Start); // look, consume nothing
    }

    private async Task<(int Messages, int Status, string Reason)> ReadUntilCloseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[4096];
        var messages = 0;
        while (true)
        {
            var received = await client.ReceiveAsync(buffer, timeout.Token);
            if (received.MessageType == WebSocketMessageType.Close)
                return (messages, (int)received.CloseStatus!, received.CloseStatusDescription ?? "");
            if (received.EndOfMessage)
                messages++;
        }
    }

    public void Dispose()
    {
        server.Dispose();
        client.Dispose();
    }
}
