using Catalog.Domain.Files;
using Catalog.IntegrationTests.Persistence;
using Catalog.Projections.FileListing;
using Catalog.Sync.Runs;
using Marten;
using Marten.Linq;

namespace Catalog.IntegrationTests.Sync;

/// <summary>The sync's search for the files a run works on, among many synced before them (ADR 0120).</summary>
[Collection(LargeTablesCollection.Name)]
public sealed class SyncCandidateTests(LargeTablesHost host) : IAsyncLifetime
{
    private static readonly DateTimeOffset Night = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => host.ResetAsync();

    [Fact]
    public async Task The_first_batch_reads_the_few_local_files_without_walking_the_files_synced_before_them()
    {
        const int synced = 20_000;
        var listings = Enumerable.Range(0, synced)
            .Select(i => Listing(Guid.CreateVersion7(Night.AddDays(-30).AddSeconds(i)), i % 4 == 0 ? StorageTier.Cloud : StorageTier.LocalAndCloud))
            .ToList();
        var local = Enumerable.Range(0, 3).Select(i => Listing(Guid.CreateVersion7(Night.AddMinutes(-10 + i)), StorageTier.Local)).ToList();
        await host.Store.BulkInsertAsync(listings.Concat(local).ToList(), batchSize: 5_000);
        await host.VacuumAsync(typeof(FileListing));

        var (files, moreFollow) = await SyncCandidates.NextBatchAsync(host.Sessions, Night, after: null, batchSize: 10, evicting: false, CancellationToken.None);
        var blocks = await BlocksReadAsync(StorageTier.Local, after: null, take: 11);

        Assert.Equal(local.Select(f => f.Id), files.Select(f => f.Id));
        Assert.False(moreFollow);
        // Walking the primary key, or reading the table and sorting, touches every page of the synced files' rows.
        Assert.True(blocks < 50, $"the search touched {blocks} pages of the table and its indexes");
    }

    [Fact]
    public async Task Batches_follow_uuid_order_across_both_tiers_when_evicting_and_leave_out_deleted_and_later_files()
    {
        // First hex digits above 7: an order that read the id's first bytes as a signed number would put them first.
        var (l1, e1, l2, c1, e2, d1, l3, late) = (Id(0x1), Id(0x2), Id(0x9), Id(0xa), Id(0xb), Id(0xc), Id(0xd), Id(0xe));
        await host.Store.BulkInsertAsync(new[]
        {
            Listing(l1, StorageTier.Local), Listing(e1, StorageTier.LocalAndCloud), Listing(l2, StorageTier.Local),
            Listing(c1, StorageTier.Cloud), Listing(e2, StorageTier.LocalAndCloud),
            Listing(d1, StorageTier.Local) with { Deleted = true, DeletedAt = Night.AddHours(-1) },
            Listing(l3, StorageTier.Local), Listing(late, StorageTier.Local) with { UploadedAt = Night.AddMinutes(1) },
        });

        Assert.Equal([[l1, e1], [l2, e2], [l3]], await BatchesAsync(evicting: true));
        Assert.Equal([[l1, l2], [l3]], await BatchesAsync(evicting: false));
    }

    private async Task<List<Guid[]>> BatchesAsync(bool evicting)
    {
        var batches = new List<Guid[]>();
        Guid? after = null;
        while (true)
        {
            var (files, moreFollow) = await SyncCandidates.NextBatchAsync(host.Sessions, Night, after, batchSize: 2, evicting, CancellationToken.None);
            batches.Add(files.Select(f => f.Id).ToArray());
            if (!moreFollow)
                return batches;
            after = files[^1].Id;
        }
    }

    private static Guid Id(int firstHexDigit) => Guid.Parse($"{firstHexDigit:x}0000000-0000-7000-8000-000000000000");

    private static FileListing Listing(Guid id, StorageTier tier) =>
        SeededListing.Of(id, Guid.Parse("00000000-0000-7000-8000-00000000000a"), tier, Night.AddHours(-2));

    private async Task<long> BlocksReadAsync(StorageTier tier, Guid? after, int take)
    {
        await using var session = host.Sessions.QuerySession();
        return await host.PagesReadAsync(SyncCandidates.InTier(session, tier, Night, after, take).ToCommand(FetchType.FetchMany));
    }
}
