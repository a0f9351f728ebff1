using Catalog.Domain.Files;
using JasperFx.Events;

namespace Catalog.IntegrationTests.Projections;

/// <summary>Given-when-then for projections without a host: events wrapped with the metadata Marten would give them.</summary>
public static class ProjectionSpecs
{
    public static readonly Guid FileId = Guid.Parse("01930000-0000-7000-8000-0000000000f1");
    public static readonly Guid OwnerId = Guid.Parse("01930000-0000-7000-8000-0000000000a1");
    public static readonly Guid ReaderId = Guid.Parse("01930000-0000-7000-8000-0000000000b2");
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    public static readonly StorageLocation Local = new("catalog-local", $"{OwnerId}/{FileId}");
    public static readonly StorageLocation Cloud = new("catalog-cloud", $"{OwnerId}/{FileId}");
    public const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static IEvent<T> At<T>(T data, long version, int minutes) where T : notnull => new Event<T>(data)
    {
        Id = Guid.CreateVersion7(),
        Version = version,
        Sequence = 1000 + version,
        Timestamp = T0.AddMinutes(minutes),
        StreamId = FileId,
    };

    // The event bodies carry other times on purpose: projections must read the metadata's timestamp.
    public static FileUploaded Uploaded() => new(FileId, OwnerId, "ledger.csv", "text/csv", 42, Sha, Local, OwnerId, T0.AddYears(-1));
    public static FileAccessed Accessed() => new(FileId, OwnerId, ReaderId, AccessMethod.Stream, StorageTier.Local, "203.0.113.5", "curl/8", T0.AddYears(-1));
    public static FileSyncedToCloud Synced() => new(FileId, OwnerId, Cloud, Sha, 42, Guid.CreateVersion7(), T0.AddYears(-1));
    public static FileDeleted Deleted() => new(FileId, OwnerId, OwnerId, "tidy", T0.AddYears(-1));
}
