using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// A TCP proxy in front of the cloud S3 server, so a test can take the cloud endpoint down, cut it mid-transfer,
/// or hold its traffic at a known moment, and bring it back.
/// </summary>
public sealed class CloudProxy : IAsyncDisposable
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

    public CloudProxy(Uri upstream)
    {
        this.upstream = upstream;
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        _ = AcceptAsync();
    }

    public Uri Url { get; }

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
        down = false;
    }

    /// <summary>Goes down by itself once this many more request bytes have passed: the endpoint dies mid-transfer.</summary>
    public void CutAfter(long bytes) => Interlocked.Exchange(ref cutAfterBytes, Interlocked.Read(ref upstreamBytes) + bytes);

    /// <summary>Holds every request until <see cref="Release"/>; the task completes when the first one is held.</summary>
    public Task HoldTraffic()
    {
        held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return held.Task;
    }

    public void Release() => gate.TrySetResult();

    public void ResetCounters() => Interlocked.Exchange(ref puts, 0);

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
            var toServer = PumpAsync(client.GetStream(), server.GetStream(), countRequests: true);
            var toClient = PumpAsync(server.GetStream(), client.GetStream(), countRequests: false);
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

    private async Task PumpAsync(Stream from, Stream to, bool countRequests)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
        {
            if (countRequests)
            {
                if (!gate.Task.IsCompleted)
                {
                    held.TrySetResult();
                    await gate.Task;
                }
                // Requests are not pipelined, so a new request starts a read.
                if (read >= 4 && Encoding.ASCII.GetString(buffer, 0, 4) == "PUT ")
                    Interlocked.Increment(ref puts);
                if (Interlocked.Add(ref upstreamBytes, read) > Interlocked.Read(ref cutAfterBytes))
                {
                    Down();
                    return;
                }
            }
            if (down)
                return;
            await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
        }
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
