using Catalog.Sync.Storage;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// An upload whose length the client announced, read straight through into the store's PUT (ADR 0074): the sniffed
/// head, then the rest of the request, exactly <paramref name="length"/> bytes. A body that ends before its announced
/// length fails the read, and so the PUT, with the client's error.
/// </summary>
public sealed class PassThroughBody(byte[] head, Stream rest, long length) : ReadOnceStream
{
    private long position;

    public override long Length => length;

    protected override long ReadSoFar => position;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position == length || buffer.IsEmpty)
            return 0;
        var wanted = buffer[..(int)Math.Min(buffer.Length, length - position)];
        var read = position < head.Length ? FromHead(wanted) : await FromRequestAsync(wanted, cancellationToken);
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
}
