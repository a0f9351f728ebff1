using Catalog.IntegrationTests.Infrastructure;
using Marten;

namespace Catalog.IntegrationTests.GraphQL.Sweep;

/// <summary>What a refused mutation must leave as it was: the events stored, and the objects in both tiers' buckets.</summary>
public sealed record StoreSnapshot(long Events, string LocalKeys, string CloudKeys)
{
    public static async Task<StoreSnapshot> TakeAsync(CatalogHost host)
    {
        await using var session = host.OpenSession();
        var events = await session.Events.QueryAllRawEvents().CountAsync();
        return new(
            events,
            string.Join(",", (await host.LocalBucket.KeysUnderAsync("")).Order(StringComparer.Ordinal)),
            string.Join(",", (await host.CloudBucket.KeysUnderAsync("")).Order(StringComparer.Ordinal)));
    }
}
