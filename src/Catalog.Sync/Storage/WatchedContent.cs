using System.Net;

namespace Catalog.Sync.Storage;

/// <summary>
/// A body of a request to the local tier, or of its answer, passed through with the same headers while its transfer
/// runs the <see cref="StallWatch"/> (ADR 0095).
/// </summary>
internal abstract class WatchedContent : HttpContent
{
    protected WatchedContent(HttpContent inner, StallWatch watch)
    {
        Inner = inner;
        Watch = watch;
        foreach (var (name, values) in inner.Headers)
            Headers.TryAddWithoutValidation(name, values);
    }

    protected HttpContent Inner { get; }
    protected StallWatch Watch { get; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = Inner.Headers.ContentLength ?? -1;
        return length >= 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Inner.Dispose();
        base.Dispose(disposing);
    }
}
