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

    /// <summary>The owner's files that are not deleted, counted and summed per tier in one pass over their rows.</summary>
    public static async Task<IReadOnlyList<TierUsage>> ByTierAsync(IQuerySession session, Guid ownerId, CancellationToken ct)
    {
        var listing = session.DocumentStore.Options.Schema.For<FileListing>();
        // The tier column holds the enum's number: Marten's default enum storage, which CatalogStore leaves as it is.
        var sums = (await session.AdvancedSql.QueryAsync<int, long, long>(
                $"select row(tier), row(count(*)), row(coalesce(sum(size), 0)::bigint) from {listing} where owner_id = ? and not deleted group by tier",
                ct, ownerId))
            .ToDictionary(r => (StorageTier)r.Item1, r => (Files: r.Item2, Bytes: r.Item3));
        return [.. Enum.GetValues<StorageTier>().Select(tier => sums.TryGetValue(tier, out var sum)
            ? new TierUsage(tier, sum.Bytes, sum.Files)
            : new TierUsage(tier, 0, 0))];
    }
}
