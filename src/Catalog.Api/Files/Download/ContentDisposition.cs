using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Files.Download;

public static class ContentDisposition
{
    /// <summary>
    /// <c>attachment</c> with the original name twice (RFC 6266): an ASCII <c>filename</c> for old clients and a UTF-8
    /// <c>filename*</c> (RFC 5987) that carries any name exactly; quotes and separators are escaped, never passed raw.
    /// </summary>
    public static string Attachment(string fileName)
    {
        var header = new ContentDispositionHeaderValue("attachment");
        header.SetHttpFileName(fileName);
        return header.ToString();
    }
}
