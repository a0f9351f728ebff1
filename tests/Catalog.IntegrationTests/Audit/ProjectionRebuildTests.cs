using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.AuditTrail;
using Catalog.Projections.FileListing;
using Catalog.Projections.Usage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Catalog.Api.Persistence;

namespace Catalog.IntegrationTests.Audit;

/// <summary>Projections rebuilt from the events come out identical, field by field, to what was projected live.</summary>
[Collection(CatalogCollection.Name)]
public sealed class ProjectionRebuildTests(CatalogHost host) : IAsyncLifetime
{
    internal const int Files = 500;
    internal const int Users = 25;
    internal const int MinimumEvents = 10_000;

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rebuilding_every_projection_reproduces_the_live_documents()
    {
        var appended = await RandomFileHistories.AppendAsync(host, new Random(20261128), Files, Users);
        Assert.True(appended >= MinimumEvents, $"only {appended} events");

        var (listingBefore, trailBefore, usageBefore) = await SnapshotAsync(host);
        Assert.Equal(Files, listingBefore.Count);
        Assert.Equal(appended, trailBefore.Count);
        // Usage is what the listing says each owner keeps: its files not purged, and their bytes.
        Assert.Equal(
            listingBefore.Where(f => !f.Purged).GroupBy(f => f.OwnerId)
                .Select(g => new OwnerUsage { Id = g.Key, Bytes = g.Sum(f => f.Size), Files = g.Count() }).OrderBy(u => u.Id),
            usageBefore.Where(u => u.Files > 0));

        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            await daemon.RebuildProjectionAsync(nameof(FileListing), TimeSpan.FromMinutes(5), CancellationToken.None);
            await daemon.RebuildProjectionAsync(AuditTrailProjection.Name, TimeSpan.FromMinutes(5), CancellationToken.None);
            await daemon.RebuildProjectionAsync(OwnerUsageProjection.Name, TimeSpan.FromMinutes(5), CancellationToken.None);
        }

        var (listingAfter, trailAfter, usageAfter) = await SnapshotAsync(host);
        Assert.Equal(listingBefore, listingAfter);
        Assert.Equal(trailBefore, trailAfter);
        Assert.Equal(usageBefore, usageAfter);
    }

    [Fact]
    public async Task Copying_the_listing_and_the_trail_whole_replaces_damaged_rows_with_the_live_documents()
    {
        var appended = await RandomFileHistories.AppendAsync(host, new Random(20261129), Files, Users);
        var (listingBefore, trailBefore, _) = await SnapshotAsync(host);
        await DamageAsync(listingBefore, trailBefore);

        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        Assert.Equal(Files, await FileListingRebuild.RunAsync(store, null, CancellationToken.None));
        Assert.Equal(appended, await AuditTrailRebuild.RunAsync(store, null, CancellationToken.None));

        var (listingAfter, trailAfter, _) = await SnapshotAsync(host);
        Assert.Equal(listingBefore, listingAfter);
        Assert.Equal(trailBefore, trailAfter);
        // The dropped indexes came back exactly as Marten configures them.
        await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
    }

    [Fact]
    public async Task Rebuilding_the_usage_rows_in_one_transaction_replaces_damaged_rows_with_the_live_sums()
    {
        await RandomFileHistories.AppendAsync(host, new Random(20261130), Files, Users);
        var (_, _, usageBefore) = await SnapshotAsync(host);
        await ExecuteAsync($"delete from {OwnerUsageTable.Name.QualifiedName} where owner_id = '{usageBefore[0].Id}'");
        await ExecuteAsync($"update {OwnerUsageTable.Name.QualifiedName} set bytes = 1, files = 999 where owner_id = '{usageBefore[1].Id}'");

        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        Assert.Equal(usageBefore.Count, await OwnerUsageRebuild.RunAsync(store, CancellationToken.None));

        var (_, _, usageAfter) = await SnapshotAsync(host);
        Assert.Equal(usageBefore, usageAfter);
    }

    [Fact]
    public async Task A_database_with_files_but_no_usage_rows_gets_them_at_start_up_and_only_then()
    {
        await RandomFileHistories.AppendAsync(host, new Random(20261201), Files, Users);
        var (_, _, usageBefore) = await SnapshotAsync(host);
        var backfill = host.Host.Services.GetServices<IHostedService>().OfType<OwnerUsageBackfill>().Single();

        await ExecuteAsync($"truncate {OwnerUsageTable.Name.QualifiedName}");
        await backfill.StartAsync(CancellationToken.None);
        var (_, _, filled) = await SnapshotAsync(host);
        Assert.Equal(usageBefore, filled);

        // Rows there already are the truth: a start never replaces them.
        await ExecuteAsync($"update {OwnerUsageTable.Name.QualifiedName} set files = files + 1 where owner_id = '{usageBefore[0].Id}'");
        await backfill.StartAsync(CancellationToken.None);
        var (_, _, kept) = await SnapshotAsync(host);
        Assert.Equal(usageBefore[0].Files + 1, kept[0].Files);
    }

    private Task ExecuteAsync(string sql) => host.Host.Services.GetRequiredService<IDocumentStore>().ExecuteSqlAsync(sql);

    private async Task DamageAsync(List<FileListing> listing, List<AuditEntry> trail)
    {
        await using var session = host.OpenSession();
        session.Delete(listing[0]);
        session.Store(listing[1] with { Name = "tampered.bin", AccessCount = 999 });
        session.Store(new FileListing
        {
            Id = Guid.CreateVersion7(), OwnerId = listing[2].OwnerId, Name = "ghost.bin", Size = 1, ContentType = "text/plain",
            Sha256 = listing[2].Sha256, Tier = listing[2].Tier, UploadedAt = listing[2].UploadedAt, LocalCopy = listing[2].LocalCopy,
        });
        session.Delete(trail[^1]);
        session.Store(trail[0] with { ActorId = Guid.CreateVersion7() });
        await session.SaveChangesAsync();
    }

    internal static async Task<(List<FileListing>, List<AuditEntry>, List<OwnerUsage>)> SnapshotAsync(CatalogHost host)
    {
        await using var session = host.OpenSession();
        var listing = await session.Query<FileListing>().OrderBy(f => f.Id).ToListAsync();
        var trail = await session.Query<AuditEntry>().OrderBy(e => e.Sequence).ToListAsync();
        var usage = await session.AllOwnerUsageAsync();
        return (listing.ToList(), trail.ToList(), usage);
    }
}
