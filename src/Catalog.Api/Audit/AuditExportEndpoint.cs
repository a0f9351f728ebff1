using System.Text.Json;
using Catalog.Api.Errors;
using Catalog.Api.GraphQL.Schema;
using Catalog.Projections.AuditTrail;
using Marten;

namespace Catalog.Api.Audit;

/// <summary>
/// <c>GET /api/audit/export</c>: the filtered trail as JSON lines, oldest first, read from Postgres as a stream and
/// written as it is read, so memory stays flat however long the trail is.
/// </summary>
public static class AuditExportEndpoint
{
    private const int FlushEvery = 500;
    private static readonly JsonSerializerOptions LineJson = new JsonSerializerOptions(JsonSerializerDefaults.Web).WithNamedEnums();
    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public static WebApplication MapAuditExport(this WebApplication app)
    {
        app.MapGet("/api/audit/export", ExportAsync);
        return app;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, IQuerySession session, Guid? ownerId, Guid? actorId, Guid? fileId, string? kinds,
        DateTimeOffset? from, DateTimeOffset? to)
    {
        if (http.User.Identity?.IsAuthenticated != true)
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "You must be logged in.",
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCode.Unauthenticated });

        if (kinds is not null && StorableText.Refusal(kinds) is { } refusal)
            throw new CatalogProblem(ErrorCode.BadUserInput, refusal);
        var filter = new AuditFilter
        {
            OwnerId = ownerId, ActorId = actorId, FileId = fileId, From = from, To = to,
            Kinds = kinds?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        };
        var entries = AuditTrailQuery.Filtered(session, filter, http.User).OrderBy(e => e.Sequence).ToAsyncEnumerable(http.RequestAborted);

        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        var body = http.Response.Body;
        var written = 0;
        await foreach (var entry in entries)
        {
            await JsonSerializer.SerializeAsync(body, entry, LineJson, http.RequestAborted);
            await body.WriteAsync(NewLine, http.RequestAborted);
            if (++written % FlushEvery == 0)
                await body.FlushAsync(http.RequestAborted);
        }
        return Results.Empty;
    }
}
