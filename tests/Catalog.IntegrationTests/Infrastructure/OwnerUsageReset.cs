using Catalog.Projections.Usage;
using Marten;

namespace Catalog.IntegrationTests.Infrastructure;

public static class OwnerUsageReset
{
    /// <summary>Marten's reset leaves tables of our own alone; the usage rows go with the events they were summed from.</summary>
    public static async Task ClearOwnerUsageAsync(this IDocumentStore store)
    {
        await using var session = store.LightweightSession();
        session.QueueSqlCommand($"truncate {OwnerUsageTable.Name.QualifiedName}");
        await session.SaveChangesAsync();
    }
}
