using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Projections.Usage;
using Marten;
using Npgsql;

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

    /// <summary>The owner's files that are not deleted, counted and summed per tier in one pass over their index entries.</summary>
    public static async Task<IReadOnlyList<TierUsage>> ByTierAsync(IQuerySession session, Guid ownerId, CancellationToken ct)
    {
        var sums = new Dictionary<StorageTier, (long Files, long Bytes)>();
        await using (var command = ByTierCommand(session, ownerId))
        await using (var reader = await session.ExecuteReaderAsync(command, ct))
        {
            while (await reader.ReadAsync(ct))
                sums[(StorageTier)reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }
        return [.. Enum.GetValues<StorageTier>().Select(tier => sums.TryGetValue(tier, out var sum)
            ? new TierUsage(tier, sum.Bytes, sum.Files)
            : new TierUsage(tier, 0, 0))];
    }

    /// <summary>
    /// Reads the owner's range of the size index, which carries the tier (ADR 0123): no row of the table is fetched
    /// once autovacuum has marked its page all-visible. The tier column holds the enum's number: Marten's default
    /// enum storage, which CatalogStore leaves as it is.
    /// </summary>
    internal static NpgsqlCommand ByTierCommand(IQuerySession session, Guid ownerId) =>
        new($"""
            select tier, count(*), coalesce(sum(size), 0)::bigint
            from {session.DocumentStore.Options.Schema.For<FileListing>()}
            where owner_id = $1 and not deleted
            group by tier
            """)
        { Parameters = { new NpgsqlParameter { Value = ownerId } } };
}
