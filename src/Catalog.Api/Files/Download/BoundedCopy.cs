using System.Buffers;

namespace Catalog.Api.Files.Download;

internal static class BoundedCopy
{
    private const int BufferSize = 81920;

    /// <summary>
    /// Copies exactly the <paramref name="length"/> bytes the response announced, through one pooled buffer: a store
    /// that sends more (some S3-compatible servers ignore a one-byte range) is cut off, one that sends fewer fails.
    /// </summary>
    public static async Task CopyExactlyAsync(Stream source, Stream destination, long length, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var remaining = length;
            while (remaining > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), ct);
                if (read == 0)
                    throw new IOException($"The store ended the object {remaining} bytes early.");
                await destination.WriteAsync(buffer.AsMemory(0, read), ct);
                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
