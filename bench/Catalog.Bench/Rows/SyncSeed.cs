using System.IO.Hashing;
using System.Security.Cryptography;
using Catalog.Domain.Files;
using Catalog.Sync.Storage;
using Marten;

namespace Catalog.Bench.Rows;

/// <summary>
/// Files for the sync to move, as an upload leaves them: the object in the local tier (the service's own Minio client)
/// and the <see cref="FileUploaded"/> event the upload decision returns, appended through the service's Marten
/// configuration so its inline listing sees them. Uploading 1 GiB through the API would only measure P1 again.
/// </summary>
public static class SyncSeed
{
    private const string ContentType = "application/octet-stream";

    /// <summary>Random files of <paramref name="size"/> bytes, kept in memory one by one; returns their total bytes.</summary>
    public static async Task<long> SmallAsync(DocumentStore store, LocalTier local, Guid owner, int count, int size)
    {
        var files = new FileUploaded[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var bytes = Payload.Random(size);
            var id = Guid.CreateVersion7();
            await using var content = new MemoryStream(bytes);
            await local.PutAsync(ObjectKeys.For(owner, id), content, size, ContentType, Crc32.HashToUInt32(bytes), ct);
            files[i] = Uploaded(local, owner, id, size, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        });
        await AppendAsync(store, files);
        return (long)count * size;
    }

    /// <summary>Random files of <paramref name="size"/> bytes, each written to a scratch file first (hashed as it is written).</summary>
    public static async Task<long> LargeAsync(DocumentStore store, LocalTier local, Guid owner, int count, long size, string workDirectory)
    {
        var files = new FileUploaded[count];
        var path = Path.Combine(workDirectory, "sync-seed.bin");
        for (var i = 0; i < count; i++)
        {
            var sha256 = await WriteRandomFileAsync(path, size);
            var id = Guid.CreateVersion7();
            await using (var content = File.OpenRead(path))
            {
                var crc32 = await Payload.Crc32OfAsync(content);
                content.Position = 0;
                await local.PutAsync(ObjectKeys.For(owner, id), content, size, ContentType, crc32, default);
            }
            files[i] = Uploaded(local, owner, id, size, sha256);
        }
        File.Delete(path);
        await AppendAsync(store, files);
        return count * size;
    }

    private static FileUploaded Uploaded(LocalTier local, Guid owner, Guid id, long size, string sha256)
    {
        var command = new UploadFile(id, owner, $"sync-{id:N}.bin", ContentType, size, sha256, local.LocationOf(owner, id));
        return (FileUploaded)FileDecisions.Upload(command, DateTimeOffset.UtcNow).Events.Single();
    }

    /// <summary>One stream per file, as uploads make them; a hundred streams per transaction to keep seeding short.</summary>
    private static async Task AppendAsync(DocumentStore store, IEnumerable<FileUploaded> files)
    {
        foreach (var chunk in files.Chunk(100))
        {
            await using var session = store.LightweightSession();
            foreach (var file in chunk)
                session.Events.StartStream<StoredFile>(file.FileId, file);
            await session.SaveChangesAsync();
        }
    }

    private static async Task<string> WriteRandomFileAsync(string path, long size)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = File.Create(path);
        var buffer = new byte[1 << 20];
        for (long written = 0; written < size; written += buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            var length = (int)Math.Min(buffer.Length, size - written);
            hash.AppendData(buffer, 0, length);
            await file.WriteAsync(buffer.AsMemory(0, length));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
