namespace Catalog.Sync.Storage;

/// <summary>
/// What the streams that are read once, front to back, have in common: no seeking, no writing, and a position that
/// only reading moves. Subclasses read asynchronously; those that can read synchronously override <c>Read</c>.
/// </summary>
public abstract class ReadOnceStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => ReadSoFar;
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes handed out so far.</summary>
    protected abstract long ReadSoFar { get; }

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("This stream is read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
