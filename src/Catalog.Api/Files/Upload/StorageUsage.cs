using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Projections.Usage;
using Marten;

namespace Catalog.Api.Files.Upload;

public sealed record TierUsage(StorageTier Tier, long Bytes, long Files);

/// <summary>What an owner keeps: every file that still has bytes somewhere, deleted-but-restorable ones included.</summary>
public static class StorageUsage
{
    /// <summary>One row, however many files the owner keeps: every upload asks before it reads a byte (ADR 0068).</summary>
    public static async Task<Usage> TotalAsync(IQuerySession session, Guid ownerId, CancellationToken ct)
    {
        var usage = await OwnerUsageTable.OfAsync(session, ownerId, ct);
        return new Usage(usage.Bytes, usage.Files);
    }

    public static async Task<IReadOnlyList<TierUsage>> ByTierAsync(IQuerySession session, Guid ownerId, CancellationToken ct)
    {
        var usage = new List<TierUsage>();
        foreach (var tier in Enum.GetValues<StorageTier>())
        {
            var inTier = session.Query<FileListing>().Where(f => f.OwnerId == ownerId && !f.Deleted && f.Tier == tier);
            var files = await inTier.CountAsync(ct);
            usage.Add(new TierUsage(tier, files == 0 ? 0 : await inTier.SumAsync(f => f.Size, ct), files));
        }
        return usage;
    }
}
