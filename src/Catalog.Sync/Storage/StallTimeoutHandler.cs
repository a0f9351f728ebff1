namespace Catalog.Sync.Storage;

/// <summary>
/// Fails a request to a storage tier that waits on the store longer than its limit without progress
/// (<c>Storage:Local:StallTimeout</c>; for the cloud tier's downloads <c>Storage:Cloud:RequestTimeout</c>): for the connection and the request's start, for one write of its body to be taken, for the answer, or for
/// the next bytes of the answer's body (ADR 0095). Time spent on anything else, such as reading the client whose
/// upload is passed through or writing to the client a download goes to, does not count: a slow client never looks
/// like a stalled store, and a long transfer runs as long as bytes move. The failure is a
/// <see cref="StorageStalledException"/>; the caller's own cancellation stays what it is.
/// </summary>
internal sealed class StallTimeoutHandler(StallLimit limit) : DelegatingHandler
{
    // Nothing sends to a tier synchronously; such a request would not be watched.
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Requests to the {limit.Tier} tier are sent asynchronously, so that a stalled store can be timed.");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var watch = new StallWatch(limit, request);
        try
        {
            if (request.Content is { } body)
                request.Content = new WatchedRequestContent(body, watch);
            HttpResponseMessage response;
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, watch.Token))
            {
                watch.Begin();
                try
                {
                    response = await base.SendAsync(request, linked.Token);
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
            response.Content = new WatchedResponseContent(response.Content, watch);
            return response;
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }
}
