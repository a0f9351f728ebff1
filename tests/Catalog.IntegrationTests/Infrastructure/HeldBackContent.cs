using System.Net;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// A body that announces its length (or none: sent chunked), sends its first bytes, and sends the rest only when told
/// (or never, ending early): how a slow or broken client looks to the service.
/// </summary>
public sealed class HeldBackContent(byte[] content, int sendFirst, long? announced = null, bool endEarly = false, bool chunked = false)
    : HttpContent
{
    private readonly TaskCompletionSource rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>All of it at once, with no length announced.</summary>
    public static HeldBackContent Chunked(byte[] content)
    {
        var body = new HeldBackContent(content, content.Length, chunked: true);
        body.SendTheRest();
        return body;
    }

    public void SendTheRest() => rest.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(content.AsMemory(0, sendFirst));
        await stream.FlushAsync();
        if (endEarly)
            return;
        await rest.Task;
        await stream.WriteAsync(content.AsMemory(sendFirst));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = announced ?? content.LongLength;
        return !chunked;
    }
}
