namespace Catalog.Bench;

/// <summary>One line of docs/benchmarks.md: our number, the limit measured in the same run, and the target.</summary>
public sealed record RowResult(
    string Id,
    string What,
    string Ours,
    string Baseline,
    double? Ratio,
    string Target,
    bool? Met,
    string Notes,
    IReadOnlyDictionary<string, object?> Raw)
{
    /// <summary>Where the CPU went, for rows bounded by it.</summary>
    public CpuTable? Cpu { get; init; }

    /// <summary>How fast the machine was just before and just after the row (<see cref="MachineSpeed"/>).</summary>
    public RowSpeed? Speed { get; init; }

    public static RowResult NotBuilt(string id, string what, string target, string why) =>
        new(id, what, "not built", "-", null, target, null, why, new Dictionary<string, object?>());

    public static RowResult Failed(string id, string what, string target, Exception e) =>
        new(id, what, "failed", "-", null, target, false, $"{e.GetType().Name}: {e.Message}", new Dictionary<string, object?>());
}
