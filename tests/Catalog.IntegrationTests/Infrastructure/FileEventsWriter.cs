using Catalog.Domain;
using Catalog.Domain.Files;
using Marten;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>Appends the lifecycle events whose API paths other slices own, through the same pure decisions.</summary>
public static class FileEventsWriter
{
    public static Task AccessAsync(this CatalogHost host, Guid fileId, Guid by, string ip = "203.0.113.9") =>
        DecideAsync(host, fileId, file => FileDecisions.Access(file, new AccessFile(fileId, by, AccessMethod.Stream, ip, "tests/1.0"), DateTimeOffset.UtcNow));

    public static Task SyncAsync(this CatalogHost host, Guid fileId) =>
        DecideAsync(host, fileId, file => FileDecisions.SyncToCloud(file,
            new SyncFileToCloud(fileId, new StorageLocation("catalog-cloud", file!.LocalCopy.ObjectKey), file.Sha256, file.Size, Guid.CreateVersion7()),
            DateTimeOffset.UtcNow));

    public static Task DeleteAsync(this CatalogHost host, Guid fileId, Guid by) =>
        DecideAsync(host, fileId, file => FileDecisions.Delete(file, new DeleteFile(fileId, by, "tests"), DateTimeOffset.UtcNow));

    private static async Task DecideAsync(CatalogHost host, Guid fileId, Func<StoredFile?, Decision> decide)
    {
        await using var session = host.OpenSession();
        var stream = await session.Events.FetchForWriting<StoredFile>(fileId);
        var decision = decide(stream.Aggregate);
        Assert.Null(decision.Error);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync();
    }
}
