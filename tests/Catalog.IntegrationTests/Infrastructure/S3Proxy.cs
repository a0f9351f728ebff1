using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP proxy in front of an S3 server, so a test can take the endpoint down, cut it mid-transfer, hold its traffic
/// at a known moment, refuse or corrupt uploads, and bring it back.
/// </summary>
public sealed class S3Proxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri upstream;
    private readonly ConcurrentDictionary<TcpClient, byte> open = new();
    private readonly CancellationTokenSource stopping = new();
    private TaskCompletionSource gate = Opened();
    private TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool down;
    private long upstreamBytes;
    private long cutAfterBytes = long.MaxValue;
    private int puts;
    private readonly ConcurrentQueue<string> requestLines = new();
    private readonly ConcurrentQueue<string> requestHeads = new();
    private readonly ConcurrentQueue<string> errorCodes = new();
    private int corruptPut = int.MaxValue;

    /// <summary>Which body byte of a corrupted PUT is flipped: bodies in these tests are longer, chunk headers shorter.</summary>
    private const int CorruptedBodyOffset = 1000;
    private int refusePutsAfter = int.MaxValue;
    private int drops;
    private long answeredBytes;
    private long stallAnswersAfterBytes = long.MaxValue;
    private TaskCompletionSource answersGate = Opened();
    private volatile byte[]? hiddenAnswerHeader;
    private volatile bool spoilSignatures;
    private volatile bool refuseDeletes;
    private int answeredPut = int.MaxValue;
    private byte[]? putAnswer;
    private readonly ConcurrentDictionary<string, byte[]> answeredGets = new();
    private volatile HeldRequest? heldRequest;

    public S3Proxy(Uri upstream)
    {
        this.upstream = upstream;
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>The request line (method and target) of every request passed on, oldest first.</summary>
    public IReadOnlyList<string> RequestLines => requestLines.ToArray();

    /// <summary>The head (request line and headers) of every request passed on whose head came in one read, oldest first.</summary>
    public IReadOnlyList<string> RequestHeads => requestHeads.ToArray();

    /// <summary>The S3 error code (the answer's <c>Error/Code</c>) of every error the store answered, oldest first.</summary>
    public IReadOnlyList<string> ErrorCodes => errorCodes.ToArray();

    /// <summary>HTTP PUT requests passed on (uploads and upload parts).</summary>
    public int Puts => Volatile.Read(ref puts);

    /// <summary>Completes when a connection is refused while the endpoint is down.</summary>
    public Task Refused => refused.Task;

    /// <summary>Every connection is reset, open ones included, until <see cref="Up"/>.</summary>
    public void Down()
    {
        if (!down)
            refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        down = true;
        foreach (var client in open.Keys)
            Reset(client);
    }

    public void Up()
    {
        Interlocked.Exchange(ref cutAfterBytes, long.MaxValue);
        Interlocked.Exchange(ref corruptPut, int.MaxValue);
        Interlocked.Exchange(ref refusePutsAfter, int.MaxValue);
        Interlocked.Exchange(ref stallAnswersAfterBytes, long.MaxValue);
        answersGate.TrySetResult();
        hiddenAnswerHeader = null;
        spoilSignatures = false;
        refuseDeletes = false;
        Interlocked.Exchange(ref answeredPut, int.MaxValue);
        answeredGets.Clear();
        ReleaseRequest();
        down = false;
    }

    /// <summary>Flips one byte in the body of the <paramref name="nth"/> PUT from now (1 = the next): the store gets other bytes.</summary>
    public void CorruptPut(int nth) => Interlocked.Exchange(ref corruptPut, Puts + nth);

    /// <summary>Passes <paramref name="passing"/> more PUTs, then resets every connection that starts a PUT, until <see cref="Up"/>.</summary>
    public void RefusePutsAfter(int passing) => Interlocked.Exchange(ref refusePutsAfter, Puts + passing);

    /// <summary>Goes down by itself once this many more request bytes have passed: the endpoint dies mid-transfer.</summary>
    public void CutAfter(long bytes) => Interlocked.Exchange(ref cutAfterBytes, Interlocked.Read(ref upstreamBytes) + bytes);

    /// <summary>
    /// Passes <paramref name="bytes"/> more bytes of the store's answers, then holds every answer, connections left open,
    /// until <see cref="Up"/>: a store that stops sending midway through a download.
    /// </summary>
    public void StallAnswersAfter(long bytes)
    {
        answersGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref stallAnswersAfterBytes, Interlocked.Read(ref answeredBytes) + bytes);
    }

    /// <summary>
    /// Renames the header <paramref name="name"/> (as the store spells it) in every answer until <see cref="Up"/>: a store
    /// that does everything else but never sends that header.
    /// </summary>
    public void HideAnswerHeader(string name) => hiddenAnswerHeader = Encoding.ASCII.GetBytes($"\r\n{name}:");

    /// <summary>
    /// Alters one character of every request's signature (header or query) until <see cref="Up"/>: the store answers as
    /// it does to a wrong secret key, 403 SignatureDoesNotMatch.
    /// </summary>
    public void SpoilSignatures() => spoilSignatures = true;

    /// <summary>
    /// Passes the <paramref name="nth"/> PUT from now (1 = the next) on to the store, but gives the client the S3 error
    /// <paramref name="code"/> with <paramref name="status"/> instead of the store's answer: the store kept it, the
    /// client heard it failed.
    /// </summary>
    public void AnswerPut(int nth, int status, string code)
    {
        Volatile.Write(ref putAnswer, ErrorAnswer(status, code));
        Interlocked.Exchange(ref answeredPut, Puts + nth);
    }

    /// <summary>
    /// Answers every GET of <paramref name="key"/> with the S3 error <paramref name="code"/> and <paramref name="status"/>
    /// itself, without passing it on, until <see cref="Up"/>: one object the store cannot serve while it serves the others.
    /// </summary>
    public void AnswerGets(string key, int status, string code) => answeredGets[key] = ErrorAnswer(status, code);

    private static byte[] ErrorAnswer(int status, string code)
    {
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{code} (test proxy)</Message></Error>";
        return Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {code}\r\nContent-Type: application/xml\r\nContent-Length: {body.Length}\r\nx-amz-request-id: proxy\r\n\r\n{body}");
    }

    /// <summary>Resets every connection that starts a DELETE, until <see cref="Up"/>; other requests pass.</summary>
    public void RefuseDeletes() => refuseDeletes = true;

    /// <summary>Holds every request until <see cref="Release"/>; the task completes when the first one is held.</summary>
    public Task HoldTraffic()
    {
        held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return held.Task;
    }

    public void Release() => gate.TrySetResult();

    /// <summary>
    /// Holds the <paramref name="nth"/> request from now (1 = the next) whose method is <paramref name="method"/> and
    /// whose target holds <paramref name="key"/>, until <see cref="ReleaseRequest"/> or <see cref="Up"/>; other requests
    /// pass. The task completes when it is held, before the store has seen it.
    /// </summary>
    public Task HoldRequest(string method, string key, int nth = 1)
    {
        var hold = new HeldRequest($"{method} ", key, nth);
        heldRequest?.Gate.TrySetResult();
        heldRequest = hold;
        return hold.Held.Task;
    }

    public void ReleaseRequest()
    {
        heldRequest?.Gate.TrySetResult();
        heldRequest = null;
    }

    private sealed class HeldRequest(string method, string key, int nth)
    {
        private int seen;
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Matches(string line) =>
            line.StartsWith(method, StringComparison.Ordinal) && line.Contains(key, StringComparison.Ordinal)
            && Interlocked.Increment(ref seen) == nth;
    }

    /// <summary>
    /// Opens the gate but drops the requests it held instead of passing them on. For a reset between tests: a request
    /// whose client gave up during one test must not reach the store, or show in the counters, during the next.
    /// </summary>
    public void DropHeld()
    {
        Interlocked.Increment(ref drops);
        gate.TrySetResult();
    }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref puts, 0);
        requestLines.Clear();
        requestHeads.Clear();
        errorCodes.Clear();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception)
            {
                return;
            }
            if (down)
            {
                Reset(client);
                refused.TrySetResult();
            }
            else
                _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        open[client] = 0;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(upstream.Host, upstream.Port, stopping.Token);
            open[server] = 0;
            var connection = new Connection();
            var toServer = PumpAsync(client.GetStream(), server.GetStream(), countRequests: true, connection);
            var toClient = PumpAsync(server.GetStream(), client.GetStream(), countRequests: false, connection);
            await Task.WhenAny(toServer, toClient);
        }
        catch (Exception)
        {
            // A reset or a closed side ends the connection; the client sees it as the endpoint failing.
        }
        finally
        {
            open.TryRemove(server, out _);
            open.TryRemove(client, out _);
            Reset(client);
        }
    }

    /// <summary>What one connection's two directions share: the answer its last request is to get instead of the store's.</summary>
    private sealed class Connection
    {
        public volatile byte[]? Answer;
    }

    private async Task PumpAsync(Stream from, Stream to, bool countRequests, Connection connection)
    {
        var buffer = new byte[64 * 1024];
        var corruptAt = -1; // body bytes to go before the one to flip; -1 when this connection flips none
        int read;
        while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
        {
            if (countRequests)
            {
                if (!gate.Task.IsCompleted)
                {
                    var dropsBefore = Volatile.Read(ref drops);
                    held.TrySetResult();
                    await gate.Task;
                    if (Volatile.Read(ref drops) != dropsBefore)
                        return;
                }
                // Requests are not pipelined, so a new request starts a read.
                if (RequestLine(buffer, read) is { } line)
                {
                    requestLines.Enqueue(line);
                    if (buffer.AsSpan(0, read).IndexOf("\r\n\r\n"u8) is > 0 and var headEnd)
                        requestHeads.Enqueue(Encoding.ASCII.GetString(buffer, 0, headEnd + 2)); // each header line with its CRLF
                    if (heldRequest is { } hold && hold.Matches(line))
                    {
                        hold.Held.TrySetResult();
                        await hold.Gate.Task;
                    }
                    // A GET has no body, so the connection stays usable: the store never sees this request.
                    if (line.StartsWith("GET ", StringComparison.Ordinal)
                        && answeredGets.FirstOrDefault(a => line.Contains(a.Key, StringComparison.Ordinal)).Value is { } answer)
                    {
                        if (ErrorCode(answer) is { } injected)
                            errorCodes.Enqueue(injected);
                        await from.WriteAsync(answer, stopping.Token);
                        continue;
                    }
                    if (spoilSignatures)
                        SpoilSignature(buffer.AsSpan(0, read));
                }
                if (refuseDeletes && read >= 7 && Encoding.ASCII.GetString(buffer, 0, 7) == "DELETE ")
                    return;
                if (read >= 4 && Encoding.ASCII.GetString(buffer, 0, 4) == "PUT ")
                {
                    var put = Interlocked.Increment(ref puts);
                    if (put == Volatile.Read(ref answeredPut))
                        connection.Answer = putAnswer;
                    if (put > Volatile.Read(ref refusePutsAfter))
                        return;
                    if (put == Volatile.Read(ref corruptPut))
                        corruptAt = CorruptedBodyOffset;
                }
                if (corruptAt >= 0)
                    corruptAt = FlipBodyByte(buffer, read, corruptAt);
                if (Interlocked.Add(ref upstreamBytes, read) > Interlocked.Read(ref cutAfterBytes))
                {
                    Down();
                    return;
                }
            }
            else
            {
                // A PUT's answer is short and comes in one read: it is swapped whole, and the connection stays usable.
                if (connection.Answer is { } instead && read >= 9 && Encoding.ASCII.GetString(buffer, 0, 9) == "HTTP/1.1 ")
                {
                    connection.Answer = null;
                    if (ErrorCode(instead) is { } injected)
                        errorCodes.Enqueue(injected);
                    await to.WriteAsync(instead, stopping.Token);
                    continue;
                }
                if (hiddenAnswerHeader is { } hidden)
                    Rename(buffer.AsSpan(0, read), hidden);
                if (ErrorCode(buffer.AsSpan(0, read)) is { } code)
                    errorCodes.Enqueue(code);
                if (Interlocked.Add(ref answeredBytes, read) > Interlocked.Read(ref stallAnswersAfterBytes))
                    await answersGate.Task;
            }
            if (down)
                return;
            await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
        }
    }

    // Answers' headers are short and come in one read; the name keeps its length, so the framing stays intact.
    private static void Rename(Span<byte> answer, ReadOnlySpan<byte> header)
    {
        for (int at; (at = answer.IndexOf(header)) >= 0; answer = answer[(at + header.Length)..])
            answer[at + 2] = (byte)'y';
    }

    // A request's line and headers come in its first read; the signature keeps its length, so the framing stays intact.
    private static void SpoilSignature(Span<byte> request)
    {
        var name = "Signature="u8;
        var at = request.IndexOf(name);
        if (at >= 0 && at + name.Length < request.Length)
            request[at + name.Length] = request[at + name.Length] == (byte)'0' ? (byte)'1' : (byte)'0';
    }

    // Error answers are short and come in one read.
    private static string? ErrorCode(ReadOnlySpan<byte> answer)
    {
        var start = "<Error><Code>"u8;
        var at = answer.IndexOf(start);
        if (at < 0)
            return null;
        var value = answer[(at + start.Length)..];
        var end = value.IndexOf("</Code>"u8);
        return end < 0 ? null : Encoding.ASCII.GetString(value[..end]);
    }

    private static string? RequestLine(byte[] buffer, int read)
    {
        var end = buffer.AsSpan(0, read).IndexOf(" HTTP/1.1\r\n"u8);
        var line = end > 0 ? Encoding.ASCII.GetString(buffer, 0, end) : null;
        return line?.Split(' ') is [var method, _] && method.All(char.IsAsciiLetterUpper) ? line : null;
    }

    /// <summary>
    /// Flips the body byte at <see cref="CorruptedBodyOffset"/>, past any aws-chunked framing, so the store gets other
    /// data rather than a broken request. Returns the offset still to go after this read, or -1 once flipped.
    /// </summary>
    private static int FlipBodyByte(byte[] buffer, int read, int offset)
    {
        var start = 0;
        if (read >= 4 && Encoding.ASCII.GetString(buffer, 0, 4) == "PUT ")
        {
            var headersEnd = buffer.AsSpan(0, read).IndexOf("\r\n\r\n"u8);
            if (headersEnd < 0)
                return offset;
            start = headersEnd + 4;
        }
        if (start + offset >= read)
            return offset - (read - start);
        buffer[start + offset] ^= 0xff;
        return -1;
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
        }
        catch (Exception)
        {
            // Already gone.
        }
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Down();
        stopping.Dispose();
    }
}
