using Catalog.Api.Errors;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// Request bodies are read as sent: a gzip upload would be kept as the file, compressed bytes under the client's name
/// and type. RFC 9110 answers a content coding the server does not apply with 415.
/// </summary>
public static class ContentCodings
{
    /// <summary>The request's Content-Encoding when it names any coding but identity; null when the body is as it is.</summary>
    public static string? Applied(HttpRequest request)
    {
        var codings = request.Headers.ContentEncoding.ToString();
        return codings.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(coding => !coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            ? codings
            : null;
    }

    public static string Refusal(string codings) =>
        $"Content-Encoding '{Echo.Of(codings)}' is not taken: send the body as it is, without a content coding.";
}
