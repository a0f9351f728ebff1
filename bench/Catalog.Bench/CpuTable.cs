namespace Catalog.Bench;

/// <summary>
/// Where a row's CPU went, one line per series (ours, the baseline, ...), each per unit of work: what limits a row
/// on two shared cores is the sum of its columns, not any one process.
/// </summary>
public sealed record CpuTable(string Unit, bool InMilliseconds, IReadOnlyList<CpuSeries> Series);

public sealed record CpuSeries(string Name, CpuUse PerUnit);
