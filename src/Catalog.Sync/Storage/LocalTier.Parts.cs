using System.Buffers;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace Catalog.Sync.Storage;

// Writes read part by part from a stream: the multipart path of PutAsync and the copy of a direct upload (ADR 0066).
public sealed partial class LocalTier
{
    private const int MaxParts = 10_000;
    private const long MiB = 1024 * 1024;

    /// <summary>
    /// Reads exactly <paramref name="size"/> bytes of <paramref name="content"/> into one part-sized buffer at a time
    /// and stores them, each part with its MD5 (the store checks it on receipt and its ETag confirms it), then checks
    /// the completed object's size; <paramref name="observe"/> sees every byte sent. A single part goes up as one PUT.
    /// On any failure before completion the multipart upload is aborted, so no stored parts are left.
    /// </summary>
    private async Task PutPartsAsync(string key, Stream content, long size, string contentType, IncrementalHash? observe, CancellationToken ct)
    {
        var partSize = PartSizeFor(size);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(partSize, Math.Max(size, 1)));
        try
        {
            if (size <= partSize)
            {
                var length = await ReadPartAsync(content, buffer, (int)size, key, ct);
                observe?.AppendData(buffer, 0, length);
                using var whole = new MemoryStream(buffer, 0, length, writable: false);
                var crc32 = Crc32.HashToUInt32(buffer.AsSpan(0, length));
                await PutStreamedAsync(key, whole, length, contentType, () => crc32, ct);
                return;
            }

            // Not cancelled: an upload the store started must be known here, or nothing could abort it.
            var upload = await S3MultipartUpload.StartAsync(s3, Bucket, key, contentType, withSha256: false, CancellationToken.None);
            try
            {
                for (long sent = 0; sent < size;)
                {
                    var length = await ReadPartAsync(content, buffer, (int)Math.Min(partSize, size - sent), key, ct);
                    observe?.AppendData(buffer, 0, length);
                    await upload.SendPartAsync(buffer, length, sha256: null, ObjectMd5.Of(buffer.AsSpan(0, length)), ct);
                    sent += length;
                }
                await upload.CompleteAsync(ct);
            }
            catch
            {
                await upload.AbortQuietlyAsync(logger);
                throw;
            }

            // The completed object's ETag is not the store's word on its bytes (stores form it differently), its size is.
            var stored = (await s3.GetObjectMetadataAsync(Bucket, key, ct)).ContentLength;
            if (stored != size)
                throw new StoredBytesMismatchException($"The local tier kept {stored} bytes for the multipart upload of {key}, {size} were sent.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The configured part size, raised (in whole MiB) where the object would otherwise need more than 10 000 parts.</summary>
    internal long PartSizeFor(long size) =>
        Math.Max(options.Value.MultipartPartBytes, (size + MaxParts * MiB - 1) / (MaxParts * MiB) * MiB);

    private static async Task<int> ReadPartAsync(Stream content, byte[] buffer, int length, string key, CancellationToken ct)
    {
        var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, ct);
        if (read < length)
            throw new IOException($"The content of {key} ended {length - read} bytes short of its announced size.");
        return read;
    }
}
