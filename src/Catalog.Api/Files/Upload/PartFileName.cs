using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// The name a multipart file part gives: <c>filename*</c> when there is one, else <c>filename</c> as the quoted string
/// it is (<c>"a\"b.txt"</c> is <c>a"b.txt</c>). Read raw, the backslash of the escape split the name like a path.
/// </summary>
public static class PartFileName
{
    public static string? Of(ContentDispositionHeaderValue disposition) =>
        disposition.FileNameStar.Value
        ?? (disposition.FileName.HasValue ? HeaderUtilities.UnescapeAsQuotedString(disposition.FileName).Value : null);
}
