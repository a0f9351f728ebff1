using Catalog.Projections.Usage;
using Marten;

namespace Catalog.IntegrationTests.Infrastructure;

public static class OwnerUsageReset
{
    /// <summary>Marten's reset leaves tables of our own alone; the usage rows go with the events they were summed from.</summary>
    public static Task ClearOwnerUsageAsync(this IDocumentStore store) =>
        store.ExecuteSqlAsync($"truncate {OwnerUsageTable.Name.QualifiedName}");

    /// <summary>One statement in a transaction of its own, for a test to change what no API may.</summary>
    public static async Task ExecuteSqlAsync(this IDocumentStore store, string sql)
    {
        await using var session = store.LightweightSession();
        session.QueueSqlCommand(sql);
        await session.SaveChangesAsync();
    }

    /// <summary>Every owner's row, in owner order; owners without a row keep nothing.</summary>
    public static async Task<List<OwnerUsage>> AllOwnerUsageAsync(this IQuerySession session) =>
        (await session.AdvancedSql.QueryAsync<Guid, long, long>(
            $"select row(owner_id), row(bytes), row(files) from {OwnerUsageTable.Name.QualifiedName} order by owner_id", CancellationToken.None))
        .Select(r => new OwnerUsage { Id = r.Item1, Bytes = r.Item2, Files = r.Item3 })
        .ToList();
}
