using Catalog.Api.Files.Upload;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Persistence;
using Catalog.Projections.FileListing;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// An owner's usage per tier among other owners' files: summed from the owner's entries of an index, not from their
/// rows, which lie on nearly every page of the table (ADR 0123).
/// </summary>
[Collection(LargeTablesCollection.Name)]
public sealed class StorageUsageAtScaleTests(LargeTablesHost host) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.Parse("00000000-0000-7000-8000-00000000000d");
    private List<FileListing> rows = [];

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        // One row in eight is the owner's; of theirs, one in five is deleted and does not count.
        var others = Enumerable.Range(1, 200).Select(i => Guid.Parse($"00000000-0000-7000-9000-{i:x12}")).ToArray();
        rows = [.. Enumerable.Range(0, 24_000).Select(i =>
        {
            var at = Now.AddDays(-500).AddSeconds(i);
            var listing = SeededListing.Of(Guid.CreateVersion7(at), i % 8 == 0 ? Owner : others[i % others.Length], (StorageTier)(i / 8 % 3), at)
                with { Size = 1_000 + i };
            return i / 8 % 5 == 4 ? listing with { Deleted = true, DeletedAt = Now.AddDays(-1) } : listing;
        })];
        await host.Store.BulkInsertAsync(rows, batchSize: 6_000);
        await host.VacuumAsync(typeof(FileListing));
    }

    public Task DisposeAsync() => host.ResetAsync();

    [Fact]
    public async Task Usage_per_tier_reads_the_owners_index_entries_not_their_rows()
    {
        await using var session = host.Sessions.QuerySession();

        var usage = await StorageUsage.ByTierAsync(session, Owner, CancellationToken.None);
        await using var command = StorageUsage.ByTierCommand(session, Owner);
        var pages = await host.PagesReadAsync(command);

        var kept = rows.Where(r => r.OwnerId == Owner && !r.Deleted).ToList();
        Assert.Equal(
            Enum.GetValues<StorageTier>().Select(tier => new TierUsage(tier, kept.Where(r => r.Tier == tier).Sum(r => r.Size), kept.Count(r => r.Tier == tier))),
            usage);
        Assert.All(usage, u => Assert.True(u.Files > 0));
        // 43: the owner's range of the size index. Summing the rows read the table, 2 388 pages here,
        // growing with every owner's files.
        Assert.True(pages < 100, $"the sums touched {pages} pages of the table and its indexes");
    }
}
