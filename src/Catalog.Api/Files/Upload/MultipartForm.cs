using System.Diagnostics.CodeAnalysis;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Files.Upload;

/// <summary>What a request's Content-Type says of a <c>multipart/form-data</c> body, for both ways of uploading one.</summary>
public static class MultipartForm
{
    public static bool Is(string? contentType) =>
        contentType is not null && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>The boundary, unquoted; null or empty when the type names none or does not parse.</summary>
    public static string? BoundaryOf(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary).Value : null;

    /// <summary>
    /// A form-data part that names a file, even by an empty name (<c>filename=""</c>): ASP.NET Core's
    /// <c>IsFileDisposition</c> reads an empty name as no file, and the upload was answered "no file part".
    /// </summary>
    public static bool IsFilePart([NotNullWhen(true)] ContentDispositionHeaderValue? disposition) =>
        disposition is not null
        && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
        && disposition.Parameters.Any(p =>
            p.Name.Equals("filename", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("filename*", StringComparison.OrdinalIgnoreCase));
}
