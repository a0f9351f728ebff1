using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Catalog.Bench.Rows;

/// <summary>
/// P8: many graphql-transport-ws subscribers of one owner's <c>fileEvents</c>; one upload, and the time from the event's
/// own timestamp (taken when it is appended, just before the commit) to each subscriber's receipt.
/// </summary>
public static class FanOut
{
    private const string Subscription = """{"id":"1","type":"subscribe","payload":{"query":"subscription { fileEvents { fileId at } }"}}""";

    private static int WarmUpEvents(BenchSettings s) => s.Smoke ? 1 : 5;

    public static async Task<RowResult> RunAsync(BenchSettings s, ApiProcess api, ApiClient client)
    {
        var (_, token) = await client.SignUpAsync();
        var receipts = new ConcurrentQueue<(byte[] Message, DateTimeOffset Received)>();
        using var stop = new CancellationTokenSource();
        var sockets = new List<ClientWebSocket>();
        var endpoint = new UriBuilder(client.BaseUrl) { Scheme = "ws", Path = "/graphql" }.Uri;

        // Connect in small waves so the accept queue is not the thing measured.
        for (var wave = 0; wave < s.Subscribers; wave += 50)
            sockets.AddRange(await Task.WhenAll(Enumerable.Range(wave, Math.Min(50, s.Subscribers - wave))
                .Select(_ => ConnectAsync(endpoint, token))));
        var readers = sockets.Select(socket => ReadAsync(socket, receipts, stop.Token)).ToList();

        // Warm-up events every subscriber must see: they prove each subscription is live before the measured ones.
        // With one, the first measured event still took twice as long as the rest (up to 101 ms against 24-74 ms): the
        // fan-out runs 1000 times per event, and the JIT of both processes re-compiled it meanwhile (as in P2).
        // Each wait counts from an empty queue: left uncleared, the second warm-up found the first one's receipts and
        // did not wait, and the last warm-ups' fan-outs ran on into the timed events, which then overlapped each other.
        for (var i = 0; i < WarmUpEvents(s); i++)
        {
            await UploadAndWaitAsync(client, token, receipts, sockets.Count);
            receipts.Clear();
        }
        await api.SettleAsync(TimeSpan.FromSeconds(s.Smoke ? 1 : 30));
        receipts.Clear();

        var latencies = new List<double>();
        for (var i = 0; i < s.FanOutEvents; i++)
        {
            await UploadAndWaitAsync(client, token, receipts, sockets.Count);
            latencies.AddRange(Latencies(receipts));
            receipts.Clear();
        }

        if (latencies.Count != s.FanOutEvents * sockets.Count)
            throw new InvalidOperationException($"{latencies.Count} receipts for {s.FanOutEvents} events to {sockets.Count} subscribers: the events overlapped.");
        await stop.CancelAsync();
        foreach (var socket in sockets)
            socket.Abort();
        await Task.WhenAll(readers);
        foreach (var socket in sockets)
            socket.Dispose();

        var p99 = Stats.Percentile(latencies, 99);
        return new RowResult(
            "P8",
            $"{s.Subscribers} graphql-transport-ws subscribers, fan-out of one event",
            $"p50 {Stats.F(Stats.Median(latencies))} ms, p99 {Stats.F(p99)} ms, max {Stats.F(latencies.Max())} ms",
            "-",
            null,
            "p99 ≤ 100 ms",
            p99 <= 100,
            $"{s.FanOutEvents} uploads × {s.Subscribers} receipts after {WarmUpEvents(s)} warm-up events and a wait for the idle API and client to settle; latency = receipt time minus the event's `at` " +
            "(stamped at append, before the commit, so an upper bound of commit→receipt); one owner, one .NET client process that " +
            "stamps each message on receipt and parses them after the fan-out; identical subscriptions of one user share one execution (ADR 0070)",
            new Dictionary<string, object?> { ["latenciesMs"] = latencies });
    }

    private static async Task UploadAndWaitAsync(ApiClient client, string token, ConcurrentQueue<(byte[], DateTimeOffset)> receipts, int expected)
    {
        var content = Payload.Random(4096);
        await client.UploadRestAsync(token, "fan-out.bin", new MemoryStream(content), content.Length);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (receipts.Count < expected)
        {
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"Only {receipts.Count} of {expected} subscribers received the event within 60 s.");
            await Task.Delay(5);
        }
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri endpoint, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(endpoint, default);
        await SendAsync(socket, JsonSerializer.Serialize(new { type = "connection_init", payload = new { authorization = $"Bearer {token}" } }));
        var ack = await ReceiveAsync(socket, default);
        if (ack?.Contains("connection_ack", StringComparison.Ordinal) != true)
            throw new InvalidOperationException($"No connection_ack: {ack}");
        await SendAsync(socket, Subscription);
        return socket;
    }

    // The client shares the two cores with the server: during the fan-out it only stamps and keeps each message,
    // and parses them once every subscriber has one, so its own parsing does not delay the server's sends.
    private static async Task ReadAsync(ClientWebSocket socket, ConcurrentQueue<(byte[] Message, DateTimeOffset Received)> receipts, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close && length < buffer.Length);
                if (result.MessageType == WebSocketMessageType.Close)
                    return;
                if (!result.EndOfMessage)
                    throw new InvalidOperationException($"A message over {buffer.Length} bytes: not one this row sends.");
                var received = DateTimeOffset.UtcNow;
                var message = buffer.AsSpan(0, length);
                if (message.IndexOf("\"type\":\"next\""u8) >= 0)
                    receipts.Enqueue((message.ToArray(), received));
                else if (message.IndexOf("\"type\":\"ping\""u8) >= 0)
                    await SendAsync(socket, """{"type":"pong"}""");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private static IEnumerable<double> Latencies(IEnumerable<(byte[] Message, DateTimeOffset Received)> receipts) =>
        receipts.Select(r =>
        {
            using var message = JsonDocument.Parse(r.Message);
            var at = message.RootElement.GetProperty("payload").GetProperty("data").GetProperty("fileEvents").GetProperty("at").GetDateTimeOffset();
            return (r.Received - at).TotalMilliseconds;
        });

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, default);

    private static async Task<string?> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(4096), ct);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            buffer.Advance(result.Count);
            if (result.EndOfMessage)
                return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
