using Catalog.Api.Errors;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Files.Upload;

public static class ContentTypes
{
    public const string Default = "application/octet-stream";

    /// <summary>The declared media type without parameters, lower-cased; a malformed one is refused.</summary>
    public static string Normalize(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
            return Default;
        if (!MediaTypeHeaderValue.TryParse(declared, out var parsed) || parsed.MediaType.Value is not { } mediaType
            || mediaType.Contains('*', StringComparison.Ordinal) || mediaType.Length > 127)
            throw new CatalogProblem(ErrorCode.BadUserInput, $"'{Echo.Of(declared)}' is not a valid content type.");
        return mediaType.ToLowerInvariant();
    }
}
