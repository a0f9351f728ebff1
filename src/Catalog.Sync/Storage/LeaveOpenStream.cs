namespace Catalog.Sync.Storage;

/// <summary>Reads through to a stream its caller still owns: disposing the HTTP request must not close a spool file.</summary>
internal sealed class LeaveOpenStream(Stream inner) : ReadOnceStream
{
    public override long Length => inner.Length;

    protected override long ReadSoFar => inner.Position;

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);
}
