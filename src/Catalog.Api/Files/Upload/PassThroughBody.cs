using System.Security.Cryptography;
using Catalog.Sync.Storage;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// An upload whose length the client announced, read straight through into the store's PUT (ADR 0074): the sniffed
/// head, then the rest of the request, hashed as the store reads it. The SHA-256 names the bytes; the MD5 is what the
/// store's ETag must match. A body that ends before its announced length fails the read, and so the PUT.
/// </summary>
public sealed class PassThroughBody(byte[] head, Stream rest, long length) : ReadOnceStream
{
    private readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private long position;
    private string? sha256Hex;
    private byte[]? md5Bytes;

    /// <summary>The SHA-256 of every byte passed through; only once all of them were.</summary>
    public string Sha256 => sha256Hex ??= Complete ? Convert.ToHexStringLower(sha256.GetHashAndReset()) : throw Incomplete();

    /// <summary>The MD5 of every byte passed through; only once all of them were.</summary>
    public byte[] Md5 => md5Bytes ??= Complete ? md5.GetHashAndReset() : throw Incomplete();

    private bool Complete => position == length;

    public override long Length => length;

    protected override long ReadSoFar => position;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position == length || buffer.IsEmpty)
            return 0;
        var wanted = buffer[..(int)Math.Min(buffer.Length, length - position)];
        var read = position < head.Length ? FromHead(wanted) : await FromRequestAsync(wanted, cancellationToken);

        sha256.AppendData(wanted.Span[..read]);
        md5.AppendData(wanted.Span[..read]);
        position += read;
        return read;
    }

    private int FromHead(Memory<byte> wanted)
    {
        var count = Math.Min(wanted.Length, head.Length - (int)position);
        head.AsMemory((int)position, count).CopyTo(wanted);
        return count;
    }

    private async Task<int> FromRequestAsync(Memory<byte> wanted, CancellationToken ct)
    {
        var read = await ClientReads.ReadAsync(rest, wanted, ct);
        return read > 0 ? read : throw ClientReads.EndedEarly();
    }

    private static InvalidOperationException Incomplete() =>
        new("The upload's hashes are known only once every byte has passed through.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            sha256.Dispose();
            md5.Dispose();
        }
        base.Dispose(disposing);
    }
}
