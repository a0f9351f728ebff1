using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// How Kestrel decodes <c>X-File-Name</c> when a client sends it as raw bytes rather than percent-encoded: as UTF-8
/// with every invalid byte replaced, so that the upload can refuse it with a problem body. Kestrel's own decoder
/// refuses such bytes with a bare 400 before any endpoint runs.
/// </summary>
public static class NameHeaderEncoding
{
    private static readonly Encoding Lenient = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static IServiceCollection DecodeNameHeaderLeniently(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            var previous = kestrel.RequestHeaderEncodingSelector;
            kestrel.RequestHeaderEncodingSelector = name =>
                string.Equals(name, UploadEndpoint.FileNameHeader, StringComparison.OrdinalIgnoreCase) ? Lenient : previous(name);
        });

    /// <summary>The replacement character stands for bytes that were not UTF-8 (or for itself, which no name needs).</summary>
    public static bool HadInvalidBytes(string header) => header.Contains('\uFFFD', StringComparison.Ordinal);
}
