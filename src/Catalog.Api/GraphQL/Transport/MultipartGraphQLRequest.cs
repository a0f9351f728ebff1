using System.Text;
using System.Text.Json;
using Catalog.Api.Files.Upload;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>
/// Reads a GraphQL multipart request (operations, map, then the file) and leaves the file's part open, so the
/// resolver streams it straight from the request body: nothing is buffered in memory.
/// </summary>
public sealed class MultipartGraphQLRequest(GraphQLRequestReader reader)
{
    public static readonly string[] PreflightHeaders = ["GraphQL-Require-Preflight", "Apollo-Require-Preflight", "X-Apollo-Operation-Name"];

    public static bool IsMultipart(string? contentType) =>
        contentType is not null && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public async Task<GraphQLRequest> ReadAsync(HttpRequest request, int maxPartBytes, CancellationToken ct)
    {
        if (!PreflightHeaders.Any(request.Headers.ContainsKey))
            throw TransportError.BadRequest(
                "Multipart requests must carry a 'GraphQL-Require-Preflight: 1' header (CSRF protection, see the GraphQL multipart request spec).");

        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
            throw TransportError.BadRequest("The multipart body has no boundary.");
        var multipart = new MultipartReader(boundary, request.Body) { BodyLengthLimit = null };

        using var operations = await ReadJsonPartAsync(multipart, "operations", maxPartBytes, ct);
        var graphQLRequest = reader.FromJson(operations.RootElement);
        using var map = await ReadJsonPartAsync(multipart, "map", maxPartBytes, ct);
        var paths = FilePaths(map.RootElement);
        if (paths is null)
            return graphQLRequest;

        var (key, path) = paths.Value;
        var section = await NextSectionAsync(multipart, ct)
            ?? throw TransportError.BadRequest($"The file part '{key}' named in 'map' is missing.");
        var disposition = section.GetContentDispositionHeader();
        if (disposition?.Name.Value != key || !disposition.IsFileDisposition())
            throw TransportError.BadRequest($"Expected the file part '{key}' after 'map'.");

        var file = new IncomingFile(disposition.FileNameStar.Value ?? disposition.FileName.Value, section.ContentType, section.Body);
        graphQLRequest.Variables = VariablePath.Set(graphQLRequest.Variables, path, file);
        return graphQLRequest;
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

    private static async Task<JsonDocument> ReadJsonPartAsync(MultipartReader multipart, string name, int maxBytes, CancellationToken ct)
    {
        var section = await NextSectionAsync(multipart, ct);
        if (section?.GetContentDispositionHeader()?.Name.Value != name)
            throw TransportError.BadRequest($"The multipart body must have the '{name}' part here (GraphQL multipart request spec).");

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await section.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new TransportError(StatusCodes.Status413PayloadTooLarge, $"The '{name}' part is larger than {maxBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            throw TransportError.BadRequest($"The '{name}' part is not valid JSON.");
        }
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader multipart, CancellationToken ct)
    {
        try
        {
            return await multipart.ReadNextSectionAsync(ct);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException)
        {
            throw TransportError.BadRequest("The multipart body is malformed or ended early.");
        }
    }
}

/// <summary>Places a file at a variable path of the multipart spec, such as <c>variables.input.file</c>.</summary>
internal static class VariablePath
{
    public static Inputs Set(Inputs? variables, string path, object value)
    {
        var segments = path.Split('.');
        if (segments.Length < 2 || segments[0] != "variables")
            throw TransportError.BadRequest($"The map path '{path}' must start with 'variables.'.");

        var root = variables is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(variables);
        object? node = root;
        for (var i = 1; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            switch (node)
            {
                case IDictionary<string, object?> dictionary when last:
                    dictionary[segments[i]] = value;
                    break;
                case IDictionary<string, object?> dictionary when dictionary.TryGetValue(segments[i], out var child):
                    node = child;
                    break;
                case IList<object?> list when int.TryParse(segments[i], out var index) && index >= 0 && index < list.Count:
                    if (last)
                        list[index] = value;
                    else
                        node = list[index];
                    break;
                default:
                    throw TransportError.BadRequest($"The map path '{path}' does not name a variable of the operation.");
            }
        }

        return new Inputs(root);
    }
}
