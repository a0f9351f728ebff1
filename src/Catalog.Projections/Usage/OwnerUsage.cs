namespace Catalog.Projections.Usage;

/// <summary>
/// What one owner keeps, the figure quotas are checked against: every file that still has bytes somewhere,
/// deleted-but-restorable ones included. One row per owner, so a check reads one row (ADR 0068, 0076).
/// </summary>
public sealed record OwnerUsage
{
    public Guid Id { get; init; }
    public long Bytes { get; init; }
    public long Files { get; init; }
}
