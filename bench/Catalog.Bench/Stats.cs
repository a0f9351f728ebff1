namespace Catalog.Bench;

public static class Stats
{
    /// <summary>
    /// Nearest-rank percentile of <paramref name="values"/> (p in 0..100). No values, or a NaN among them (a
    /// measurement that did not happen, such as a missing Server-Timing header), fail the row instead of reaching the
    /// table as "NaN ms".
    /// </summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
            throw new InvalidOperationException("A percentile of no measurements.");
        if (values.Count(double.IsNaN) is > 0 and var missing)
            throw new InvalidOperationException($"{missing} of {values.Count} measurements are missing (NaN).");
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    public static double MiB(long bytes) => bytes / 1024.0 / 1024.0;

    /// <summary>How long <paramref name="action"/> took, in seconds.</summary>
    public static async Task<double> SecondsAsync(Func<Task> action)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalSeconds;
    }

    public static string F(double value, int decimals = 1) => value.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
}
