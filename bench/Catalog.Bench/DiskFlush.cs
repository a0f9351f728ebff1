using System.Diagnostics;
using System.Globalization;

namespace Catalog.Bench;

/// <summary>
/// Writes back the page cache before a row and before its timed part. P1b leaves gigabytes of file pages to write
/// back, and a commit's WAL flush queues behind them: after it, P8's first timed event took 322-358 ms, against
/// 10-26 ms after P1 alone, and P2 lost a quarter of its throughput. P6 flushes before each of its timed copies too.
/// </summary>
public static class DiskFlush
{
    public static async Task RunAsync()
    {
        var dirty = DirtyBytes();
        var clock = Stopwatch.StartNew();
        using var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false })
                         ?? throw new InvalidOperationException("Could not start sync.");
        await sync.WaitForExitAsync();
        if (sync.ExitCode != 0)
            throw new InvalidOperationException($"sync exited with {sync.ExitCode}.");
        if (dirty >= 64L << 20)
            Console.WriteLine($"[bench] wrote back {dirty >> 20} MiB of dirty pages in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>Dirty and under-write-back page cache, from /proc/meminfo (bytes).</summary>
    private static long DirtyBytes() =>
        File.ReadLines("/proc/meminfo")
            .Where(line => line.StartsWith("Dirty:", StringComparison.Ordinal) || line.StartsWith("Writeback:", StringComparison.Ordinal))
            .Sum(line => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024);
}
