using System.Net;

namespace Catalog.Sync.Storage;

/// <summary>
/// A request body whose writes to the store run the <see cref="StallWatch"/>, and whose reads from its source do not.
/// While the body is sent, the wait for the answer that started with the request pauses; it resumes after the last write.
/// </summary>
internal sealed class WatchedRequestContent(HttpContent inner, StallWatch watch) : WatchedContent(inner, watch)
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Watch.End();
        try
        {
            await Inner.CopyToAsync(new WatchedWrites(stream, Watch), context, cancellationToken);
        }
        finally
        {
            Watch.Begin();
        }
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Watch.End();
        try
        {
            Inner.CopyTo(new WatchedWrites(stream, Watch), context, cancellationToken);
        }
        finally
        {
            Watch.Begin();
        }
    }

    private sealed class WatchedWrites(Stream network, StallWatch watch) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            watch.Begin();
            try
            {
                await network.WriteAsync(buffer, cancellationToken);
            }
            finally
            {
                watch.End();
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            watch.Begin();
            try
            {
                network.Write(buffer);
            }
            finally
            {
                watch.End();
            }
        }

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            watch.Begin();
            try
            {
                await network.FlushAsync(cancellationToken);
            }
            finally
            {
                watch.End();
            }
        }

        public override void Flush() => network.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
