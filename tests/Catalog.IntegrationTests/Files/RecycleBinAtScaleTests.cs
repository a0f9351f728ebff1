using Catalog.Api.Files.Deletion;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Persistence;
using Catalog.Projections.FileListing;
using Marten;
using Marten.Linq;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// An owner's recycle bin among other owners' deletions and a long history of the owner's purged files: what a page
/// reads grows with what it answers, not with that history (ADR 0122).
/// </summary>
[Collection(LargeTablesCollection.Name)]
public sealed class RecycleBinAtScaleTests(LargeTablesHost host) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.Parse("00000000-0000-7000-8000-00000000000c");
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        // One row in eight is the owner's, so their rows lie on nearly every page of the table.
        var others = Enumerable.Range(1, 200).Select(i => Guid.Parse($"00000000-0000-7000-9000-{i:x12}")).ToArray();
        var rows = Enumerable.Range(0, 24_000).Select(i =>
        {
            var mine = i % 8 == 0;
            var listing = Listing(mine ? Owner : others[i % others.Length], i, (StorageTier)(i % 3));
            return (mine, i % 16) switch
            {
                (true, 8) => listing with { Deleted = true, DeletedAt = Now.AddDays(-400).AddSeconds(i), Purged = true, PurgedAt = Now.AddDays(-390) },
                (false, 1) => listing with { Deleted = true, DeletedAt = Now.AddDays(-1).AddSeconds(i) },
                _ => listing,
            };
        }).ToList();
        var recentlyDeleted = Enumerable.Range(0, 30)
            .Select(i => Listing(Owner, 100_000 + i, StorageTier.Local) with { Deleted = true, DeletedAt = Now.AddHours(-30 + i) });
        await host.Store.BulkInsertAsync(rows.Concat(recentlyDeleted).ToList(), batchSize: 6_000);
        await host.VacuumAsync(typeof(FileListing));
    }

    public Task DisposeAsync() => host.ResetAsync();

    [Fact]
    public async Task The_recycle_bin_reads_the_owners_recent_deletions_not_their_purged_history()
    {
        await using var session = host.Sessions.QuerySession();

        var page = ListDeletedFiles.Page(ListDeletedFiles.Restorable(session, Owner, Now - Retention), position: null, pageSize: 20);
        var read = await page.ToListAsync();
        var pages = await host.PagesReadAsync(page.ToCommand(FetchType.FetchMany));

        Assert.Equal(Enumerable.Range(0, 21).Select(i => Now.AddHours(-1 - i)), read.Select(f => f.DeletedAt!.Value));
        // About 6. The deletion time's own index, intersected with the owner's deleted files, read 38 here, growing with
        // every owner's recent deletions and this owner's purged ones.
        Assert.True(pages < 20, $"the page touched {pages} pages of the table and its indexes");
    }

    private static FileListing Listing(Guid owner, int i, StorageTier tier) =>
        SeededListing.Of(Guid.CreateVersion7(Now.AddDays(-500).AddSeconds(i)), owner, tier, Now.AddDays(-500).AddSeconds(i));
}
