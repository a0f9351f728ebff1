using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Catalog.Bench;

/// <summary>
/// How fast the machine itself was at one moment: one core hashing, and a loopback TCP round trip (system calls and a
/// context switch each way, which small uploads and commits pay for many times over). This machine's speed drifts by
/// two or three times between days and even between rows of one run; these figures, taken before and after every row,
/// tell a slow machine from a slow build when two runs are compared.
/// </summary>
public sealed record MachineSpeed(double Sha256MiBPerSecond, double LoopbackRoundTripMicroseconds)
{
    private const int HashBytes = 16 << 20;
    private const int RoundTrips = 2_000;
    private const int Tries = 3;

    /// <summary>The best of three tries of each, so that one hiccup does not pass for the machine's speed.</summary>
    public static MachineSpeed Measure()
    {
        var bytes = new byte[HashBytes];
        Random.Shared.NextBytes(bytes);
        var hashing = Enumerable.Range(0, Tries).Max(_ => HashMiBPerSecond(bytes));
        var roundTrip = Enumerable.Range(0, Tries).Min(_ => RoundTripMicroseconds());
        return new MachineSpeed(hashing, roundTrip);
    }

    private static double HashMiBPerSecond(byte[] bytes)
    {
        var clock = Stopwatch.StartNew();
        SHA256.HashData(bytes);
        return bytes.Length / 1024.0 / 1024.0 / clock.Elapsed.TotalSeconds;
    }

    // Blocking sockets on two threads of their own: what is timed is the kernel's part, not the thread pool's.
    private static double RoundTripMicroseconds()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        using var server = listener.AcceptSocket();
        server.NoDelay = true;
        var echo = new Thread(() =>
        {
            var one = new byte[1];
            for (var i = 0; i < RoundTrips; i++)
            {
                if (server.Receive(one) != 1)
                    throw new InvalidOperationException("The loopback probe's client went away.");
                server.Send(one);
            }
        }) { IsBackground = true };
        echo.Start();

        var ping = new byte[1];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < RoundTrips; i++)
        {
            client.Send(ping);
            if (client.Receive(ping) != 1)
                throw new InvalidOperationException("The loopback probe's echo went away.");
        }
        var elapsed = clock.Elapsed;
        echo.Join();
        return elapsed.TotalMicroseconds / RoundTrips;
    }
}

/// <summary>The machine's speed just before a row and just after it.</summary>
public sealed record RowSpeed(MachineSpeed Before, MachineSpeed After);
