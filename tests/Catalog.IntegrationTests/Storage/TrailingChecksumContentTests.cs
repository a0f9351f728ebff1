using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using Catalog.Sync.Storage;

namespace Catalog.IntegrationTests.Storage;

/// <summary>The aws-chunked body with its CRC-32 trailer, as written, without a store (ADR 0102).</summary>
public sealed class TrailingChecksumContentTests
{
    private const int Chunk = TrailingChecksumContent.ChunkBytes;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Chunk - 1)]
    [InlineData(Chunk)]
    [InlineData(Chunk + 1)]
    [InlineData(3 * Chunk + 17)]
    public async Task Frames_the_bytes_in_fixed_chunks_with_the_trailer_and_announces_that_length(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        using var content = new TrailingChecksumContent(new TrickleStream(bytes), size, () => Crc32.HashToUInt32(bytes));

        var written = await content.ReadAsByteArrayAsync();

        Assert.Equal(TrailingChecksumContent.EncodedLength(size), written.Length);
        Assert.Equal(written.Length, content.Headers.ContentLength);
        Assert.Equal(["aws-chunked"], content.Headers.ContentEncoding);
        var (decoded, chunks, trailer) = Decode(written);
        Assert.Equal(bytes, decoded);
        Assert.Equal(Enumerable.Repeat(Chunk, size / Chunk).Append(size % Chunk).Where(c => c > 0).Append(0), chunks);
        Assert.Equal($"x-amz-checksum-crc32:{TrailingChecksumContent.Encoded(Crc32.HashToUInt32(bytes))}", trailer);
    }

    [Fact]
    public void Names_a_crc32_as_S3_does()
    {
        // CRC-32 of "123456789" is 0xCBF43926, the algorithm's check value; S3 gives its bytes most significant first.
        Assert.Equal("y/Q5Jg==", TrailingChecksumContent.Encoded(Crc32.HashToUInt32("123456789"u8)));
    }

    [Fact]
    public async Task A_source_shorter_than_announced_fails_the_write()
    {
        using var content = new TrailingChecksumContent(new MemoryStream(new byte[100]), 101, () => 0);

        var failed = await Assert.ThrowsAsync<HttpRequestException>(() => content.ReadAsByteArrayAsync());

        Assert.Contains("1 bytes before the 101", Assert.IsType<IOException>(failed.InnerException).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checksum_is_asked_only_after_the_last_byte_was_read()
    {
        var bytes = RandomNumberGenerator.GetBytes(Chunk + 5);
        var source = new MemoryStream(bytes);
        long readWhenAsked = -1;
        using var content = new TrailingChecksumContent(source, bytes.Length, () =>
        {
            readWhenAsked = source.Position;
            return Crc32.HashToUInt32(bytes);
        });

        await content.ReadAsByteArrayAsync();

        Assert.Equal(bytes.Length, readWhenAsked);
    }

    private static (byte[] Decoded, int[] Chunks, string Trailer) Decode(byte[] body)
    {
        var decoded = new MemoryStream();
        var chunks = new List<int>();
        var at = 0;
        string Line()
        {
            var end = body.AsSpan(at).IndexOf("\r\n"u8);
            var line = Encoding.ASCII.GetString(body, at, end);
            at += end + 2;
            return line;
        }
        int size;
        do
        {
            size = Convert.ToInt32(Line(), 16);
            chunks.Add(size);
            decoded.Write(body, at, size);
            at += size;
            if (size > 0)
                Assert.Equal("", Line());
        }
        while (size > 0);
        var trailer = Line();
        Assert.Equal("", Line());
        Assert.Equal(body.Length, at);
        return (decoded.ToArray(), [.. chunks], trailer);
    }

    /// <summary>Gives at most 1000 bytes a read, so chunks are written from many reads.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
