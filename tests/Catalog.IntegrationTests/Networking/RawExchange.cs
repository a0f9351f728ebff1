using System.Net.Sockets;
using System.Text;

namespace Catalog.IntegrationTests.Networking;

/// <summary>An HTTP/1.1 answer read off the wire: the status, the headers and the body as text.</summary>
public sealed record RawAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Sends request bytes exactly as given over one loopback connection, for what HttpClient will not send (a length
/// that is not the body's, broken chunks, an unknown method, raw header bytes), and reads the first final answer.
/// </summary>
public static class RawExchange
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>
    /// <paramref name="head"/> is the request line and headers without the blank line; <paramref name="halfClose"/>
    /// ends the sending side after the body, as a client that gave up midway does. Null: the server closed without answering.
    /// </summary>
    public static async Task<RawAnswer?> SendAsync(Uri server, string head, byte[] body, bool halfClose = false, bool isHead = false)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(server.Host, server.Port, timeout.Token);
        var bytes = Encoding.Latin1.GetBytes(head + "\r\n\r\n").Concat(body).ToArray();
        try
        {
            await socket.SendAsync(bytes, SocketFlags.None, timeout.Token);
            if (halfClose)
                socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The server may answer and close before it has read all of a request it refused.
        }

        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                break; // reset after its answer: what arrived is read below
            }
            if (read == 0)
                break;
            received.Write(buffer, 0, read);
            if (Parse(received.ToArray(), isHead, complete: false) is not null)
                break;
        }
        return Parse(received.ToArray(), isHead, complete: true);
    }

    private static RawAnswer? Parse(byte[] bytes, bool isHead, bool complete)
    {
        var at = 0;
        while (true)
        {
            var end = IndexOf(bytes, "\r\n\r\n"u8, at);
            if (end < 0)
                return null;
            var lines = Encoding.Latin1.GetString(bytes, at, end - at).Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = lines.Skip(1).Select(l => l.Split(':', 2))
                .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p[1].Trim())), StringComparer.OrdinalIgnoreCase);
            var bodyStart = end + 4;
            if (status is >= 100 and < 200)
            {
                at = bodyStart;
                continue;
            }
            if (isHead || status is 204 or 304)
                return new RawAnswer(status, headers, "");
            if (headers.TryGetValue("Content-Length", out var length))
            {
                var n = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
                return bytes.Length - bodyStart >= n ? new RawAnswer(status, headers, Encoding.UTF8.GetString(bytes, bodyStart, n)) : null;
            }
            if (headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                return Dechunk(bytes, bodyStart) is { } text ? new RawAnswer(status, headers, text) : complete ? new RawAnswer(status, headers, "<cut chunked body>") : null;
            return complete ? new RawAnswer(status, headers, Encoding.UTF8.GetString(bytes, bodyStart, bytes.Length - bodyStart)) : null;
        }
    }

    private static string? Dechunk(byte[] bytes, int at)
    {
        var body = new MemoryStream();
        while (true)
        {
            var lineEnd = IndexOf(bytes, "\r\n"u8, at);
            if (lineEnd < 0)
                return null;
            var size = Convert.ToInt32(Encoding.Latin1.GetString(bytes, at, lineEnd - at).Split(';')[0].Trim(), 16);
            if (size == 0)
                return Encoding.UTF8.GetString(body.ToArray());
            if (bytes.Length < lineEnd + 2 + size + 2)
                return null;
            body.Write(bytes, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> what, int from)
    {
        var found = bytes.AsSpan(from).IndexOf(what);
        return found < 0 ? -1 : from + found;
    }
}
