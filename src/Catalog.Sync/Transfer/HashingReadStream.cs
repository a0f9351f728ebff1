using System.Security.Cryptography;
using Catalog.Sync.Storage;

namespace Catalog.Sync.Transfer;

/// <summary>
/// Passes a stream through once, hashing (SHA-256, and MD5 or CRC-32 when asked) and counting what was read, so the copy
/// needs no second read.
/// </summary>
public sealed class HashingReadStream(Stream source, bool withMd5 = false, bool withCrc32 = false) : ReadOnceStream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash? md5 = withMd5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
    private readonly System.IO.Hashing.Crc32? crc32 = withCrc32 ? new() : null;

    public long BytesRead { get; private set; }

    public string Sha256Hex() => Convert.ToHexStringLower(hash.GetCurrentHash());

    public byte[] Md5() => md5?.GetCurrentHash() ?? throw new InvalidOperationException("This stream was not asked for an MD5.");

    public uint Crc32() => crc32?.GetCurrentHashAsUInt32() ?? throw new InvalidOperationException("This stream was not asked for a CRC-32.");

    protected override long ReadSoFar => BytesRead;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = source.Read(buffer);
        Count(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await source.ReadAsync(buffer, cancellationToken);
        Count(buffer.Span[..read]);
        return read;
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        md5?.AppendData(bytes);
        crc32?.Append(bytes);
        BytesRead += bytes.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
            md5?.Dispose();
        }
        base.Dispose(disposing);
    }
}
