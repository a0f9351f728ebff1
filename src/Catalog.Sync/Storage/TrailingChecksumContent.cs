using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Catalog.Sync.Storage;

/// <summary>
/// A PUT body in S3's aws-chunked encoding with the CRC-32 of the object in a trailer
/// (<c>STREAMING-UNSIGNED-PAYLOAD-TRAILER</c>, ADR 0102): the store computes it over what it receives and refuses the
/// PUT when the trailer differs. Bytes go out as they are read; the chunks have a fixed size, so the length is known
/// before the first byte, and a chunk's header goes out before its bytes have all arrived.
/// </summary>
public sealed class TrailingChecksumContent : HttpContent
{
    public const string PayloadHash = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    public const string TrailerName = "x-amz-checksum-crc32";

    /// <summary>
    /// S3 takes chunks of at least 8 KiB but the last, MinIO of at most 16 MiB. A chunk's framing splits the store's
    /// read it falls in; with 64 KiB chunks most reads were split, and the test store spent about 0.1 s more per 256 MiB
    /// on the pieces (ADR 0102).
    /// </summary>
    public const int ChunkBytes = 1024 * 1024;

    // Room in front of the read bytes for the previous chunk's CRLF and this chunk's header ("100000\r\n").
    private const int FramingRoom = 16;

    // A read's bytes and their framing fill one pooled 64 KiB buffer, whatever the chunk size.
    private const int ReadBytes = 64 * 1024 - FramingRoom;

    private readonly Stream source;
    private readonly long length;
    private readonly Func<uint> crc32OfSent;

    /// <param name="source">Read to its end but left open.</param>
    /// <param name="length">The bytes <paramref name="source"/> holds; fewer fail the write.</param>
    /// <param name="crc32OfSent">Asked once every byte was read: the CRC-32 of those bytes, for the trailer.</param>
    public TrailingChecksumContent(Stream source, long length, Func<uint> crc32OfSent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        (this.source, this.length, this.crc32OfSent) = (source, length, crc32OfSent);
        Headers.ContentEncoding.Add("aws-chunked");
    }

    /// <summary>The length of the encoded body: every chunk's framing, the empty last chunk and the trailer.</summary>
    public static long EncodedLength(long length)
    {
        var full = length / ChunkBytes;
        var rest = (int)(length % ChunkBytes);
        var framing = full * (ChunkHeader(ChunkBytes).Length + 2) + (rest > 0 ? ChunkHeader(rest).Length + 2 : 0);
        return length + framing + ChunkHeader(0).Length + Trailer(0).Length;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FramingRoom + ReadBytes);
        try
        {
            var pending = 0; // framing bytes written just in front of buffer[FramingRoom]
            for (var remaining = length; remaining > 0;)
            {
                var chunk = (int)Math.Min(ChunkBytes, remaining);
                pending = Frame(buffer, pending, ChunkHeader(chunk));
                for (var left = chunk; left > 0;)
                {
                    var read = await source.ReadAsync(buffer.AsMemory(FramingRoom, Math.Min(left, ReadBytes)), cancellationToken);
                    if (read == 0)
                        throw new IOException($"The body ended {remaining - chunk + left} bytes before the {length} it was to hold.");
                    await stream.WriteAsync(buffer.AsMemory(FramingRoom - pending, pending + read), cancellationToken);
                    pending = 0;
                    left -= read;
                }
                remaining -= chunk;
                pending = Frame(buffer, pending, "\r\n"u8);
            }
            pending = Frame(buffer, pending, ChunkHeader(0));
            await stream.WriteAsync(buffer.AsMemory(FramingRoom - pending, pending), cancellationToken);
            await stream.WriteAsync(Trailer(crc32OfSent()), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = EncodedLength(this.length);
        return true;
    }

    // Appends framing to what is pending in front of the data area, keeping it right before buffer[FramingRoom].
    private static int Frame(byte[] buffer, int pending, ReadOnlySpan<byte> framing)
    {
        var start = FramingRoom - pending;
        buffer.AsSpan(start, pending).CopyTo(buffer.AsSpan(start - framing.Length));
        framing.CopyTo(buffer.AsSpan(FramingRoom - framing.Length));
        return pending + framing.Length;
    }

    private static byte[] ChunkHeader(int size) => Encoding.ASCII.GetBytes($"{size:x}\r\n");

    private static byte[] Trailer(uint crc32) => Encoding.ASCII.GetBytes($"{TrailerName}:{Encoded(crc32)}\r\n\r\n");

    /// <summary>A CRC-32 as S3 names it in headers and trailers: its four bytes, most significant first, in base64.</summary>
    public static string Encoded(uint crc32)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, crc32);
        return Convert.ToBase64String(bytes);
    }
}
