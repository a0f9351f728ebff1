using System.Net;

namespace Catalog.Sync.Storage;

/// <summary>
/// Minio 7.0.0 sends a ranged HEAD before a ranged GET and treats the server's 206 as an error
/// (minio-dotnet issue 1342, fixed after 7.0.0). A HEAD has no body, so 206 and 200 mean the same here.
/// </summary>
internal sealed class HeadPartialContentFix : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Head && response.StatusCode == HttpStatusCode.PartialContent)
            response.StatusCode = HttpStatusCode.OK;
        return response;
    }
}
