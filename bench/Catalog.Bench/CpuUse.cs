namespace Catalog.Bench;

/// <summary>
/// CPU seconds each role used over a stretch of a row, the machine's busy and idle seconds over it (all cores), and
/// its wall time.
/// </summary>
public sealed record CpuUse(IReadOnlyDictionary<string, double> Seconds, double MachineBusy, double MachineIdle, double WallSeconds)
{
    public double Total => Seconds.Values.Sum();

    /// <summary>How many cores were busy on average over the stretch (machine-wide, as /proc/stat counts them).</summary>
    public double CoresBusy => WallSeconds > 0 ? MachineBusy / WallSeconds : 0;

    /// <summary>The same use per unit of work (per upload, per file, ...).</summary>
    public CpuUse Per(double units) => units <= 0 ? this : new(
        Seconds.ToDictionary(kv => kv.Key, kv => kv.Value / units), MachineBusy / units, MachineIdle / units, WallSeconds / units);

    /// <summary>The mean of several stretches of the same work.</summary>
    public static CpuUse Mean(IReadOnlyCollection<CpuUse> uses) => new(
        CpuMeter.Roles.ToDictionary(r => r, r => uses.Average(u => u.Seconds[r])),
        uses.Average(u => u.MachineBusy), uses.Average(u => u.MachineIdle), uses.Average(u => u.WallSeconds));
}
