using Catalog.Domain;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.AuditTrail;
using Catalog.Projections.FileListing;
using Catalog.Projections.Usage;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Audit;

/// <summary>Projections rebuilt from the events come out identical, field by field, to what was projected live.</summary>
[Collection(CatalogCollection.Name)]
public sealed class ProjectionRebuildTests(CatalogHost host) : IAsyncLifetime
{
    private const int Files = 500;
    private const int Users = 25;
    private const int MinimumEvents = 10_000;

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rebuilding_every_projection_reproduces_the_live_documents()
    {
        var appended = await AppendRandomHistoryAsync(new Random(20261128));
        Assert.True(appended >= MinimumEvents, $"only {appended} events");

        var (listingBefore, trailBefore, usageBefore) = await SnapshotAsync();
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
            await daemon.RebuildProjectionAsync(nameof(OwnerUsage), TimeSpan.FromMinutes(5), CancellationToken.None);
        }

        var (listingAfter, trailAfter, usageAfter) = await SnapshotAsync();
        Assert.Equal(listingBefore, listingAfter);
        Assert.Equal(trailBefore, trailAfter);
        Assert.Equal(usageBefore, usageAfter);
    }

    private async Task<(List<FileListing>, List<AuditEntry>, List<OwnerUsage>)> SnapshotAsync()
    {
        await using var session = host.OpenSession();
        var listing = await session.Query<FileListing>().OrderBy(f => f.Id).ToListAsync();
        var trail = await session.Query<AuditEntry>().OrderBy(e => e.Sequence).ToListAsync();
        var usage = await session.Query<OwnerUsage>().OrderBy(u => u.Id).ToListAsync();
        return (listing.ToList(), trail.ToList(), usage.ToList());
    }

    private async Task<int> AppendRandomHistoryAsync(Random random)
    {
        var users = Enumerable.Range(0, Users).Select(_ => Guid.CreateVersion7()).ToArray();
        var now = DateTimeOffset.UtcNow;
        var appended = 0;
        foreach (var batch in Enumerable.Range(0, Files).Chunk(50))
        {
            await using var session = host.OpenSession();
            foreach (var _ in batch)
            {
                var owner = users[random.Next(users.Length)];
                var fileId = Guid.CreateVersion7();
                var events = History(random, fileId, owner, users, now);
                session.Events.StartStream<StoredFile>(fileId, events);
                appended += events.Count;
            }
            await session.SaveChangesAsync();
        }
        return appended;
    }

    // Each step goes through the pure decisions, so the history is one the service could have written.
    private static List<object> History(Random random, Guid fileId, Guid owner, Guid[] users, DateTimeOffset now)
    {
        var sha = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var size = random.Next(0, 1_000_000);
        var location = new StorageLocation("catalog-local", ObjectKeys.For(owner, fileId));
        var events = new List<object>(FileDecisions.Upload(new UploadFile(fileId, owner, $"file-{random.Next()}.bin", "application/octet-stream", size, sha, location), now).Events);
        var file = StoredFile.Create((FileUploaded)events[0]);

        var steps = random.Next(20, 45);
        for (var i = 0; i < steps; i++)
        {
            var decision = file.IsDeleted
                ? random.Next(100) < 70
                    ? FileDecisions.Restore(file, new RestoreFile(fileId, owner), TimeSpan.FromDays(7), now)
                    : FileDecisions.Purge(file, new PurgeFile(fileId, file.DeletedAt!.Value), TimeSpan.Zero, now)
                : random.Next(100) switch
            {
                < 80 => FileDecisions.Access(file, new AccessFile(fileId, users[random.Next(users.Length)], (AccessMethod)random.Next(2), $"198.51.100.{random.Next(256)}", "bench/1"), now),
                < 84 => FileDecisions.RecordSyncFailure(file, new RecordSyncFailure(fileId, Guid.CreateVersion7(), "HTTP 503"), now),
                < 96 => FileDecisions.SyncToCloud(file, new SyncFileToCloud(fileId, location with { Bucket = "catalog-cloud" }, sha, size, Guid.CreateVersion7()), now),
                < 99 when file.CloudCopy is not null => FileDecisions.EvictLocalCopy(file, new EvictLocalCopy(fileId, Guid.CreateVersion7()), now),
                < 97 => Decision.Nothing,
                _ => FileDecisions.Delete(file, new DeleteFile(fileId, owner, null), now),
            };
            if (decision.IsRefused || file.IsPurged)
                break;
            foreach (var e in decision.Events)
            {
                events.Add(e);
                file = Fold(file, e);
            }
        }
        return events;
    }

    private static StoredFile Fold(StoredFile file, object e) => e switch
    {
        FileAccessed a => file.Apply(a),
        FileSyncedToCloud s => file.Apply(s),
        FileDeleted d => file.Apply(d),
        LocalCopyEvicted l => file.Apply(l),
        FileSyncFailed f => file.Apply(f),
        FileRestored r => file.Apply(r),
        FilePurged p => file.Apply(p),
        _ => file,
    };
}
