using Catalog.Api.Auth;
using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Marten;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.Files.Download;

/// <summary>
/// <c>GET /api/files/{id}/content</c> (and HEAD): the bytes through the service, for clients that cannot follow a presigned URL.
/// They are copied from the storage response to the HTTP response a buffer at a time, whatever the file's size.
/// </summary>
public static class FileContentEndpoint
{
    public const string Route = "/api/files/{id}/content";

    public static WebApplication MapFileDownloads(this WebApplication app)
    {
        // Refusals are thrown as CatalogProblem and shaped into problem bodies by ProblemDetailsSetup, like every REST error.
        app.MapGet(Route, ServeAsync).RequireAuthorization();
        app.MapMethods(Route, [HttpMethods.Head], DescribeAsync).RequireAuthorization();
        return app;
    }

    /// <summary>HEAD: the headers a GET would answer with, from the catalog alone; no bytes move, so no access is recorded.</summary>
    private static async Task<IResult> DescribeAsync(string id, HttpContext http, IDocumentStore store)
    {
        var file = await LoadAsync(id, http, store);
        var etag = new EntityTagHeaderValue($"\"{file.Sha256}\"");
        var request = ContentRequest.Of(http.Request, file.Size, etag);
        switch (request.Outcome)
        {
            case ContentOutcome.PreconditionFailed:
                return PreconditionFailed();
            case ContentOutcome.Unsatisfiable:
                http.Response.Headers.ContentRange = $"bytes */{file.Size}";
                return Results.StatusCode(StatusCodes.Status416RangeNotSatisfiable);
            case ContentOutcome.NotModified:
                SetValidators(http.Response, etag);
                return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        WriteHeaders(http.Response, file, etag, request.Range);
        return Results.Empty;
    }

    private static async Task<FileListing> LoadAsync(string id, HttpContext http, IDocumentStore store)
    {
        var callerId = http.User.RequireUserId();
        if (!Guid.TryParse(id, out var fileId))
            throw new CatalogProblem(ErrorCode.BadUserInput, $"'{Echo.Of(id)}' is not a file id.");
        await using var session = store.QuerySession();
        return await DownloadableFile.LoadAsync(session, fileId, callerId, http.RequestAborted);
    }

    private static Task<IResult> ServeAsync(string id, HttpContext http, IDocumentStore store, StoredCopies copies, TimeProvider time) =>
        CopyGoneException.RetryAsync(() => ServeOnceAsync(id, http, store, copies, time));

    private static async Task<IResult> ServeOnceAsync(
        string id, HttpContext http, IDocumentStore store, StoredCopies copies, TimeProvider time)
    {
        var ct = http.RequestAborted;
        var callerId = http.User.RequireUserId();
        var file = await LoadAsync(id, http, store);
        var fileId = file.Id;

        var etag = new EntityTagHeaderValue($"\"{file.Sha256}\"");
        var request = ContentRequest.Of(http.Request, file.Size, etag);
        var client = ClientInfo.From(http);
        switch (request.Outcome)
        {
            case ContentOutcome.PreconditionFailed:
                return PreconditionFailed();
            case ContentOutcome.Unsatisfiable:
                http.Response.Headers.ContentRange = $"bytes */{file.Size}";
                return Results.Problem(
                    statusCode: StatusCodes.Status416RangeNotSatisfiable,
                    title: $"The requested range is outside the file's {file.Size} bytes.",
                    extensions: new Dictionary<string, object?> { ["code"] = ErrorCode.BadUserInput });
            case ContentOutcome.NotModified:
                await AccessLog.RecordAsync(store, fileId, callerId, AccessMethod.Stream, null, client, time, ct);
                SetValidators(http.Response, etag);
                return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        await DownloadableFile.UsingCopiesAsync(store, file, () => copies.ReadAsync(file, request.Range, async (tier, content, token) =>
        {
            // Recorded before the first byte leaves: a delete that won the race still turns this into a 404.
            await AccessLog.RecordAsync(store, fileId, callerId, AccessMethod.Stream, tier, client, time, token);
            WriteHeaders(http.Response, file, etag, request.Range);
            await BoundedCopy.CopyExactlyAsync(content, http.Response.Body, request.Range?.Length ?? file.Size, token);
        }, ct), ct);
        return Results.Empty;
    }

    private static IResult PreconditionFailed() => Results.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The file's content is not the one If-Match names.",
        extensions: new Dictionary<string, object?> { ["code"] = ErrorCode.Conflict });

    private static void WriteHeaders(HttpResponse response, FileListing file, EntityTagHeaderValue etag, Sync.Storage.ByteRange? range)
    {
        response.StatusCode = range is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent;
        response.ContentType = file.ContentType;
        response.ContentLength = range?.Length ?? file.Size;
        if (range is { } part)
            response.Headers.ContentRange = $"bytes {part.Offset}-{part.Last}/{file.Size}";
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ContentDisposition = ContentDisposition.Attachment(file.Name);
        // Stored types are the client's claim: never let a browser sniff its way to something else.
        response.Headers.XContentTypeOptions = "nosniff";
        SetValidators(response, etag);
    }

    private static void SetValidators(HttpResponse response, EntityTagHeaderValue etag)
    {
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = "private, no-cache";
    }
}
