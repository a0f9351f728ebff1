using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.Api.Files.Upload;

public sealed record TierUsage(StorageTier Tier, long Bytes, long Files);

/// <summary>What an owner keeps: every file that still has bytes somewhere, deleted-but-restorable ones included.</summary>
public static class StorageUsage
{
    /// <summary>Count and bytes in one round trip: every upload asks before it reads a byte.</summary>
    public static async Task<Usage> TotalAsync(IQuerySession session, Guid ownerId, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var files = batch.Query<FileListing>().Where(f => f.OwnerId == ownerId && !f.Purged).Count();
        var bytes = batch.Query<FileListing>().Where(f => f.OwnerId == ownerId && !f.Purged).Sum(f => f.Size);
        await batch.Execute(ct);
        return new Usage(await bytes, await files);
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
