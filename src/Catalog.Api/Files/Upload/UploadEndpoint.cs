using Catalog.Api.Auth;
using Catalog.Api.Errors;
using Catalog.Api.Files.Download;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// <c>POST /api/files</c>: a raw body with <c>Content-Type</c> and <c>X-File-Name</c>, or <c>multipart/form-data</c>
/// with one file, streamed into the same upload handler as GraphQL's <c>uploadFile</c>.
/// </summary>
public static class UploadEndpoint
{
    public const string FileNameHeader = "X-File-Name";

    public static WebApplication MapUploadEndpoint(this WebApplication app)
    {
        app.MapPost("/api/files", UploadAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext http, UploadFileHandler handler, IOptions<UploadOptions> options)
    {
        var owner = http.User.RequireUserId();
        var request = http.Request;
        if (ContentCodings.Applied(request) is { } codings)
            throw new CatalogProblem(ErrorCode.UnsupportedMediaType, ContentCodings.Refusal(codings));
        var max = options.Value.MaxFileSizeBytes;
        if (request.ContentLength > max + 64 * 1024)
            throw new CatalogProblem(ErrorCode.FileTooLarge, $"The file is larger than the limit of {max} bytes.");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max + 64 * 1024;

        var file = MultipartForm.Is(request.ContentType)
            ? await FirstFilePartAsync(request, http.RequestAborted)
            : new IncomingFile(DecodedName(OneHeader(request, FileNameHeader)), request.ContentType, request.Body, request.ContentLength);

        var listing = await handler.Handle(owner, file, http.RequestAborted);
        // The file's one REST resource is its content; its catalog entry is read through GraphQL (file(id:)).
        return Results.Created(FileContentEndpoint.Route.Replace("{id}", listing.Id.ToString(), StringComparison.Ordinal), UploadedFile.Of(listing));
    }

    private static async Task<IncomingFile> FirstFilePartAsync(HttpRequest request, CancellationToken ct)
    {
        var boundary = MultipartForm.BoundaryOf(request.ContentType);
        if (string.IsNullOrEmpty(boundary))
            throw new CatalogProblem(ErrorCode.BadUserInput, "The multipart body has no boundary.");

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                if (MultipartForm.IsFilePart(disposition))
                    return new IncomingFile(
                        PartFileName.Of(disposition), section.ContentType, new OnlyFilePart(section, reader));
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException)
        {
            throw new CatalogProblem(ErrorCode.BadUserInput, "The multipart body is malformed or ended early.");
        }

        throw new CatalogProblem(ErrorCode.BadUserInput, "The multipart body has no file part.");
    }

    // Sent twice, a header reads as its values joined by commas: "a.txt,b.txt" would name a file neither named.
    private static string? OneHeader(HttpRequest request, string name) =>
        request.Headers[name] is { Count: > 1 }
            ? throw new CatalogProblem(ErrorCode.BadUserInput, $"The {name} header must be sent once.")
            : request.Headers[name].ToString();

    private static string? DecodedName(string? header)
    {
        if (string.IsNullOrEmpty(header))
            return null;
        if (NameHeaderEncoding.HadInvalidBytes(header))
            throw new CatalogProblem(ErrorCode.BadUserInput,
                $"The {FileNameHeader} header is not UTF-8: send the name percent-encoded, as UTF-8 bytes (report%20Q3.pdf).");
        try
        {
            return Uri.UnescapeDataString(header);
        }
        catch (UriFormatException)
        {
            return header;
        }
    }
}
