using System.Text;
using System.Text.Json;
using Catalog.Api.Errors;
using Catalog.Api.Files.Upload;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>
/// Reads a GraphQL multipart request (operations, map, then the file) and leaves the file's part open, so the
/// resolver streams it straight from the request body: nothing is buffered in memory. When the request has a length,
/// the file's length is known before it is read, and the upload goes straight through to the store (ADR 0075).
/// </summary>
public sealed class MultipartGraphQLRequest(GraphQLRequestReader reader)
{
    public static readonly string[] PreflightHeaders = ["GraphQL-Require-Preflight", "Apollo-Require-Preflight", "X-Apollo-Operation-Name"];

    public async Task<GraphQLRequest> ReadAsync(HttpRequest request, int maxPartBytes, CancellationToken ct)
    {
        if (!PreflightHeaders.Any(request.Headers.ContainsKey))
            throw TransportError.BadRequest(
                "Multipart requests must carry a 'GraphQL-Require-Preflight: 1' header (CSRF protection, see the GraphQL multipart request spec).");

        var boundary = MultipartForm.BoundaryOf(request.ContentType);
        if (string.IsNullOrEmpty(boundary))
            throw TransportError.BadRequest("The multipart body has no boundary.");
        var body = new MultipartBodyReader(request.Body, boundary);
        try
        {
            if (!await body.StartAsync(ct))
                throw PartExpected("operations");
            GraphQLRequest graphQLRequest;
            using (var operations = await ReadJsonPartAsync(body, "operations", maxPartBytes, ct))
                graphQLRequest = reader.FromJson(operations.RootElement);
            if (!await body.NextPartFollowsAsync(ct))
                throw PartExpected("map");
            using var map = await ReadJsonPartAsync(body, "map", maxPartBytes, ct);
            if (FilePaths(map.RootElement) is not var (key, path))
                return graphQLRequest;

            var file = await ReadFilePartAsync(body, key, request.ContentLength, ct);
            graphQLRequest.Variables = VariablePath.Set(graphQLRequest.Variables, path, file);
            return graphQLRequest;
        }
        catch (CatalogProblem problem)
        {
            throw TransportError.BadRequest(problem.Message);
        }
    }

    /// <summary>The file's headers; its body is left for the resolver to stream.</summary>
    private static async Task<IncomingFile> ReadFilePartAsync(MultipartBodyReader body, string key, long? requestLength, CancellationToken ct)
    {
        if (!await body.NextPartFollowsAsync(ct))
            throw TransportError.BadRequest($"The file part '{key}' named in 'map' is missing.");
        var headers = await body.ReadHeadersAsync(ct);
        var disposition = DispositionOf(headers);
        if (disposition?.Name.Value != key || !MultipartForm.IsFilePart(disposition))
            throw TransportError.BadRequest($"Expected the file part '{key}' after 'map'.");

        var part = new MultipartFilePart(body, requestLength);
        return new IncomingFile(
            PartFileName.Of(disposition), headers.GetValueOrDefault(HeaderNames.ContentType), part,
            part.ExactLength);
    }

    private static (string Key, string Path)? FilePaths(JsonElement map)
    {
        if (map.ValueKind != JsonValueKind.Object)
            throw TransportError.BadRequest("'map' must be a JSON object of file keys to variable paths.");
        var entries = map.EnumerateObject().ToList();
        if (entries.Count == 0)
            return null;
        if (entries.Count > 1)
            throw TransportError.BadRequest("At most one file may be sent per request.");
        var entry = entries[0];
        if (entry.Value.ValueKind != JsonValueKind.Array || entry.Value.GetArrayLength() != 1
            || entry.Value[0].ValueKind != JsonValueKind.String)
            throw TransportError.BadRequest($"'map' must give file '{entry.Name}' exactly one variable path.");
        return (entry.Name, entry.Value[0].GetString()!);
    }

    private static async Task<JsonDocument> ReadJsonPartAsync(MultipartBodyReader body, string name, int maxBytes, CancellationToken ct)
    {
        if (DispositionOf(await body.ReadHeadersAsync(ct))?.Name.Value != name)
            throw PartExpected(name);
        var bytes = await body.ReadToDelimiterAsync(maxBytes, ct)
            ?? throw new TransportError(StatusCodes.Status413PayloadTooLarge, $"The '{name}' part is larger than {maxBytes} bytes.");
        try
        {
            return GraphQLRequestReader.ParseUtf8Json(bytes);
        }
        catch (JsonException)
        {
            throw TransportError.BadRequest($"The '{name}' part is not valid JSON.");
        }
    }

    private static ContentDispositionHeaderValue? DispositionOf(IReadOnlyDictionary<string, string> headers) =>
        headers.TryGetValue(HeaderNames.ContentDisposition, out var value) && ContentDispositionHeaderValue.TryParse(value, out var parsed)
            ? parsed
            : null;

    private static TransportError PartExpected(string name) =>
        TransportError.BadRequest($"The multipart body must have the '{name}' part here (GraphQL multipart request spec).");
}
