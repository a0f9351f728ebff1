using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.FileListing;
using Catalog.Projections.OpenUploads;
using Marten;

namespace Catalog.IntegrationTests.GraphQL.Sweep;

/// <summary>
/// What a refused mutation must leave as it was: the events stored, and the objects in both tiers' buckets under every
/// owner who could have any (every key begins with its owner's id): the owners of this host's files and open uploads,
/// and the callers the sweep sends its mutations as. The buckets are shared with the hosts of other test collections,
/// which run meanwhile: a look at the whole bucket would see their files come and go.
/// </summary>
public sealed record StoreSnapshot(long Events, string LocalKeys, string CloudKeys)
{
    public static async Task<StoreSnapshot> TakeAsync(CatalogHost host, IEnumerable<Guid> callers)
    {
        await using var session = host.OpenSession();
        var events = await session.Events.QueryAllRawEvents().CountAsync();
        var owners = callers
            .Concat(await session.Query<FileListing>().Select(f => f.OwnerId).ToListAsync())
            .Concat(await session.Query<OpenUpload>().Select(u => u.OwnerId).ToListAsync())
            .Distinct().ToList();
        return new(events, await KeysAsync(host.LocalBucket, owners), await KeysAsync(host.CloudBucket, owners));
    }

    private static async Task<string> KeysAsync(StorageProbe bucket, IReadOnlyList<Guid> owners)
    {
        var keys = await Task.WhenAll(owners.Select(owner => bucket.KeysUnderAsync($"{owner:D}/")));
        return string.Join(",", keys.SelectMany(k => k).Order(StringComparer.Ordinal));
    }
}
