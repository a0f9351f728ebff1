using System.Diagnostics;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.Bench.Rows;

/// <summary>P3's table: listing documents written with Marten's bulk insert, not through a million uploads.</summary>
public static class ListingSeed
{
    public static async Task<double> SeedAsync(DocumentStore store, Guid owner, int total, int ownerFiles)
    {
        var clock = Stopwatch.StartNew();
        var others = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToArray();
        var start = DateTimeOffset.UtcNow.AddYears(-1);
        const int batch = 50_000;
        for (var offset = 0; offset < total; offset += batch)
        {
            var documents = Enumerable.Range(offset, Math.Min(batch, total - offset)).Select(i =>
            {
                var ownerId = i < ownerFiles ? owner : others[i % others.Length];
                var id = Guid.CreateVersion7(start.AddSeconds(i));
                var location = new StorageLocation("catalog-local", $"{ownerId:N}/{id:N}");
                return new FileListing
                {
                    Id = id,
                    OwnerId = ownerId,
                    Name = i % 2 == 0 ? $"report-{i:D7}.pdf" : $"photo-{i:D7}.jpg",
                    Size = 1024 + (i * 7919L % 50_000_000),
                    ContentType = i % 2 == 0 ? "application/pdf" : "image/jpeg",
                    Sha256 = new string('0', 64),
                    Tier = StorageTier.Local,
                    UploadedAt = start.AddSeconds(i),
                    LocalCopy = location,
                    Version = 1,
                };
            }).ToList();
            await store.BulkInsertDocumentsAsync(documents, batchSize: 10_000);
        }
        return clock.Elapsed.TotalSeconds;
    }
}
