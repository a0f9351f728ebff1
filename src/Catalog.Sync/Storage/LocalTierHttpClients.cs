using System.Net;
using Amazon.Runtime;

namespace Catalog.Sync.Storage;

/// <summary>
/// The HTTP clients of the local tier's AWS SDK client (multipart writes): limited by the stall timeout, like the Minio
/// client's, instead of the SDK's total 100 s per request, which would cut off a slow but moving 512 MiB part (ADR 0095).
/// </summary>
internal sealed class LocalTierHttpClients(TimeSpan stallTimeout) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
#pragma warning disable CA2000 // the handlers live as long as the client they are given to
        var handler = new StallTimeoutHandler(stallTimeout)
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = clientConfig.AllowAutoRedirect, AutomaticDecompression = DecompressionMethods.None },
        };
#pragma warning restore CA2000
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
