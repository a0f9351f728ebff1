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

    // Parameters are read as text and parsed here, so that a bad one is answered like any other bad input: the
    // framework's own binding answered with its parameter types ("Nullable<Guid> fileId") and took culture dates.
    private static async Task<IResult> ExportAsync(
        HttpContext http, IQuerySession session, string? ownerId, string? actorId, string? fileId, string? kinds,
        string? from, string? to)
    {
        if (http.User.Identity?.IsAuthenticated != true)
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "You must be logged in.",
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCode.Unauthenticated });

        if ((ParameterRefusal(http.Request.Query) ?? (kinds is null ? null : StorableText.Refusal(kinds))) is { } refusal)
            throw new CatalogProblem(ErrorCode.BadUserInput, refusal);
        var filter = new AuditFilter
        {
            OwnerId = IdOrNull(nameof(ownerId), ownerId), ActorId = IdOrNull(nameof(actorId), actorId),
            FileId = IdOrNull(nameof(fileId), fileId), From = MomentOrNull(nameof(from), from), To = MomentOrNull(nameof(to), to),
            Kinds = KindsOrNull(kinds),
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

    private static readonly string[] Parameters = ["ownerId", "actorId", "fileId", "kinds", "from", "to"];

    // A misspelt filter (kind=, owner=) was ignored and the whole trail exported; a repeated one was read as its values
    // joined by a comma.
    private static string? ParameterRefusal(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (!Parameters.Contains(name, StringComparer.OrdinalIgnoreCase))
                return $"'{Echo.Of(name)}' is not a parameter of the export; it takes {string.Join(", ", Parameters)}.";
            if (values.Count > 1)
                return $"'{Echo.Of(name)}' is given {values.Count} times; give it once.";
        }
        return null;
    }

    // "kinds=" names none (refused by the filter with its own words); an empty entry between commas is a slip.
    private static List<string>? KindsOrNull(string? text) =>
        text is null ? null
        : text.Length == 0 ? []
        : text.Split(',', StringSplitOptions.TrimEntries) is var kinds && kinds.Contains("")
            ? throw new CatalogProblem(ErrorCode.BadUserInput, "'kinds' has an empty entry: name kinds separated by commas, such as FileUploaded,FileDeleted.")
            : [.. kinds];

    private static Guid? IdOrNull(string name, string? text) =>
        text is null ? null
        : Guid.TryParse(text, out var id) ? id
        : throw new CatalogProblem(ErrorCode.BadUserInput, $"'{name}' must be an id such as 01936f4e-2b7a-7c3d-9e8f-0123456789ab, not '{Echo.Of(text)}'.");

    private static DateTimeOffset? MomentOrNull(string name, string? text) =>
        text is null ? null
        : IsoTimestamp.TryParse(text, out var moment) ? moment
        : throw new CatalogProblem(ErrorCode.BadUserInput, $"'{name}': {IsoTimestamp.WhyNot(text)}");
}
