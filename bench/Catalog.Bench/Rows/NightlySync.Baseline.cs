namespace Catalog.Bench.Rows;

public static partial class NightlySync
{
    /// <summary>rclone copies the seeded objects into a bucket of its own, which is checked and emptied again.</summary>
    private static async Task<(double Seconds, long PeakRss, CpuUse Cpu)> BaselineAsync(
        Rclone rclone, CpuMeter meter, BenchSettings s, string from, (long, long) expected)
    {
        await DiskFlush.RunAsync();
        var to = $"cloud:{BaselineBucket}/{from.Split('/')[^1]}";
        var ((seconds, peakRss), cpu) = await meter.MeasureAsync(() => rclone.CopyAsync(from, to, Transfers, s.SyncTimeLimit));
        Expect("rclone's copy", await rclone.SizeAsync(to), expected);
        await rclone.PurgeAsync($"cloud:{BaselineBucket}");
        return (seconds, peakRss, cpu);
    }

    private static void Expect<T>(string what, T actual, T expected)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
            throw new InvalidOperationException($"{what}: expected {expected}, found {actual}");
    }
}
