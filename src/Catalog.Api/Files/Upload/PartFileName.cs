using Catalog.Api.Errors;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// The name a multipart file part gives: <c>filename*</c> when there is one, else <c>filename</c> as the quoted string
/// it is (<c>"a\"b.txt"</c> is <c>a"b.txt</c>). Read raw, the backslash of the escape split the name like a path.
/// Bytes that are no UTF-8, in either, are refused as in <c>X-File-Name</c>: decoded, they became replacement
/// characters, and the file was kept under a name the client never sent.
/// </summary>
public static class PartFileName
{
    public static string? Of(ContentDispositionHeaderValue disposition)
    {
        var name = disposition.FileNameStar.Value
            ?? (disposition.FileName.HasValue ? HeaderUtilities.UnescapeAsQuotedString(disposition.FileName).Value : null);
        // A filename* in a charset .NET does not decode (KOI8-R, say) reads as none: with no filename beside it, the
        // file was kept as "unnamed".
        if (name is null && disposition.Parameters.Any(p => p.Name.Equals("filename*", StringComparison.OrdinalIgnoreCase)))
            throw new CatalogProblem(ErrorCode.BadUserInput, $"The file part's filename* could not be decoded: {AsUtf8}");
        return name is not null && NameHeaderEncoding.HadInvalidBytes(name)
            ? throw new CatalogProblem(ErrorCode.BadUserInput, $"The file part's name is not UTF-8: {AsUtf8}")
            : name;
    }

    private const string AsUtf8 = "send it as UTF-8, percent-encoded in filename* (filename*=UTF-8''report%20Q3.pdf).";
}
