using System.Net;
using Amazon.Runtime;

namespace Catalog.Sync.Storage;

/// <summary>
/// The HTTP clients of an AWS SDK client limited by a stall timeout instead of a total time per request (ADR 0095): the
/// local tier's multipart writes (the SDK's 100 s would cut off a slow but moving 512 MiB part), and the cloud tier's
/// downloads (a total time covers only the wait for the answer's headers; a store that stopped sending midway was
/// waited for without end).
/// </summary>
internal sealed class StallWatchedHttpClients(StallLimit limit) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
#pragma warning disable CA2000 // the handlers live as long as the client they are given to
        var handler = new StallTimeoutHandler(limit)
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = clientConfig.AllowAutoRedirect, AutomaticDecompression = DecompressionMethods.None },
        };
#pragma warning restore CA2000
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
