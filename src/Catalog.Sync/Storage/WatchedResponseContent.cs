using System.Net;

namespace Catalog.Sync.Storage;

/// <summary>
/// An answer's body whose reads run the <see cref="StallWatch"/>: each read that waits on the store longer than the
/// limit fails, however long the reader takes between reads. The watch ends with the answer.
/// </summary>
internal sealed class WatchedResponseContent(HttpContent inner, StallWatch watch) : WatchedContent(inner, watch)
{
    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new WatchedReads(await Inner.ReadAsStreamAsync(cancellationToken), Watch);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    // Minio reads small answers (stats, errors) synchronously.
    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new WatchedReads(Inner.ReadAsStream(cancellationToken), Watch);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var body = CreateContentReadStream(cancellationToken);
        body.CopyTo(stream);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var body = await CreateContentReadStreamAsync(cancellationToken);
        await body.CopyToAsync(stream, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Watch.Dispose();
        base.Dispose(disposing);
    }

    private sealed class WatchedReads(Stream network, StallWatch watch) : ReadOnceStream
    {
        private long position;

        protected override long ReadSoFar => position;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            watch.Begin();
            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watch.Token);
                var read = await network.ReadAsync(buffer, linked.Token);
                position += read;
                return read;
            }
            catch (Exception) when (watch.Stalled && !cancellationToken.IsCancellationRequested)
            {
                throw watch.Failure();
            }
            finally
            {
                watch.End();
            }
        }

        // Minio and the AWS SDK parse small answers synchronously. Blocking on the asynchronous read keeps one way to
        // fail: its cancellation closes the connection at once, where disposing the stream under a pending synchronous
        // read lets the handler first drain the connection for reuse.
        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                network.Dispose();
            base.Dispose(disposing);
        }
    }
}
