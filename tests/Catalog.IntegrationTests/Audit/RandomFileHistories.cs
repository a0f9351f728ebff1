using Catalog.Domain;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Audit;

/// <summary>File histories drawn at random, each step decided by the pure domain, appended straight to Marten.</summary>
internal static class RandomFileHistories
{
    public static async Task<int> AppendAsync(CatalogHost host, Random random, int files, int userCount)
    {
        var users = Enumerable.Range(0, userCount).Select(_ => Guid.CreateVersion7()).ToArray();
        var now = DateTimeOffset.UtcNow;
        var appended = 0;
        foreach (var batch in Enumerable.Range(0, files).Chunk(50))
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

    /// <summary>A new file's stream, with only its upload.</summary>
    public static async Task<Guid> UploadAsync(CatalogHost host, Guid owner)
    {
        var fileId = Guid.CreateVersion7();
        await using var session = host.OpenSession();
        session.Events.StartStream<StoredFile>(fileId, History(new Random(1), fileId, owner, [owner], DateTimeOffset.UtcNow, steps: 0));
        await session.SaveChangesAsync();
        return fileId;
    }

    // Each step goes through the pure decisions, so the history is one the service could have written.
    private static List<object> History(Random random, Guid fileId, Guid owner, Guid[] users, DateTimeOffset now, int? steps = null)
    {
        var sha = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var size = random.Next(0, 1_000_000);
        var location = new StorageLocation("catalog-local", ObjectKeys.For(owner, fileId));
        var events = new List<object>(FileDecisions.Upload(new UploadFile(fileId, owner, $"file-{random.Next()}.bin", "application/octet-stream", size, sha, location), now).Events);
        var file = StoredFile.Create((FileUploaded)events[0]);

        steps ??= random.Next(20, 45);
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
