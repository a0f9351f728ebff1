using Catalog.Domain.Files;
using Catalog.Projections.FileListing;

namespace Catalog.IntegrationTests.Persistence;

/// <summary>A listing row written straight to the table: many of them in a moment, no uploads, no bytes stored.</summary>
public static class SeededListing
{
    public static FileListing Of(Guid id, Guid owner, StorageTier tier, DateTimeOffset uploadedAt) => new()
    {
        Id = id,
        OwnerId = owner,
        Name = $"file-{id:N}.bin",
        Size = 1024,
        ContentType = "application/octet-stream",
        Sha256 = new string('0', 64),
        Tier = tier,
        UploadedAt = uploadedAt,
        LocalCopy = new StorageLocation("catalog-local", $"{owner}/{id}"),
        CloudCopy = tier == StorageTier.Local ? null : new StorageLocation("catalog-cloud", $"{owner}/{id}"),
        Version = 1,
    };
}
