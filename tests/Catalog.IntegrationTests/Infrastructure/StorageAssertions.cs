using Catalog.Domain.Files;
using Marten;

namespace Catalog.IntegrationTests.Infrastructure;

public static class StorageAssertions
{
    /// <summary>A refused upload left no object in the local tier, no unfinished multipart upload and no upload event.</summary>
    public static async Task NothingStoredForAsync(this CatalogHost host, TestUser user)
    {
        Assert.Empty(await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
        Assert.Empty(await host.LocalBucket.IncompleteUploadsUnderAsync($"{user.Id}/"));
        await using var session = host.OpenSession();
        Assert.Equal(0, await session.Events.QueryRawEventDataOnly<FileUploaded>().CountAsync(e => e.OwnerId == user.Id));
    }
}
