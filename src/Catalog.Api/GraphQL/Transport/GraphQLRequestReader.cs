using System.Text.Json;
using System.Text.Unicode;
using GraphQL;
using GraphQL.Transport;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>Turns a GET query string or a JSON body into a <see cref="GraphQLRequest"/>, or a 400 that says why not.</summary>
public sealed class GraphQLRequestReader(IGraphQLTextSerializer serializer)
{
    public GraphQLRequest FromQueryString(IQueryCollection query)
    {
        var text = query["query"].ToString();
        if (string.IsNullOrWhiteSpace(text))
            throw TransportError.BadRequest("The 'query' parameter is missing.");
        return new GraphQLRequest
        {
            Query = text,
            OperationName = NullIfEmpty(query["operationName"].ToString()),
            Variables = ParseObjectParameter<Inputs>(query["variables"].ToString(), "variables"),
            Extensions = ParseObjectParameter<Inputs>(query["extensions"].ToString(), "extensions"),
        };
    }

    public IReadOnlyList<GraphQLRequest> FromJsonBatch(JsonElement body, GraphQLTransportOptions.BatchingOptions batching)
    {
        if (!batching.Enabled)
            throw TransportError.BadRequest("Batched requests are not enabled on this server.", "BATCHING_DISABLED");
        var count = body.GetArrayLength();
        if (count == 0)
            throw TransportError.BadRequest("A batch must hold at least one operation.", "EMPTY_BATCH");
        if (count > batching.MaxBatchSize)
            throw TransportError.BadRequest(
                $"A batch may hold at most {batching.MaxBatchSize} operations; this one holds {count}.", "BATCH_TOO_LARGE");
        return body.EnumerateArray().Select(FromJson).ToList();
    }

    public GraphQLRequest FromJson(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Array)
            throw TransportError.BadRequest("Batched requests are not accepted here.", "BATCHING_DISABLED");
        if (body.ValueKind != JsonValueKind.Object)
            throw TransportError.BadRequest("The request body must be a JSON object.");
        if (!body.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(query.GetString()))
            throw TransportError.BadRequest("The request must have a 'query' string.");

        return new GraphQLRequest
        {
            Query = query.GetString(),
            OperationName = OptionalString(body, "operationName"),
            Variables = OptionalObject(body, "variables"),
            Extensions = OptionalObject(body, "extensions"),
        };
    }

    /// <summary>
    /// Parses JSON that arrived as bytes, refusing bytes that are not UTF-8 and strings that are not Unicode: the parser
    /// checks only the structure, and such a string would fail later, wherever it is read.
    /// </summary>
    public static JsonDocument ParseUtf8Json(ReadOnlyMemory<byte> json)
    {
        if (!Utf8.IsValid(json.Span))
            throw TransportError.BadRequest("The request is not valid JSON: a string in it is not UTF-8.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        }
        catch (JsonException) when (NestsDeeper(json.Span))
        {
            throw TransportError.BadRequest($"The request's JSON nests objects and arrays deeper than {MaxJsonDepth} levels.");
        }
        if (JsonStrings.AreUnicode(document.RootElement))
            return document;
        document.Dispose();
        throw TransportError.BadRequest(JsonStrings.LoneSurrogateRefusal);
    }

    private const int MaxJsonDepth = 64;

    // The parser says "not valid JSON" for JSON that is only too deep; told apart here, when it has already refused.
    private static bool NestsDeeper(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxJsonDepth)
                    return true;
            }
        }
        catch (JsonException)
        {
            // malformed before it got that deep
        }
        return false;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static string? OptionalString(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw TransportError.BadRequest($"'{name}' must be a string.");

    private Inputs? OptionalObject(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Object ? serializer.ReadNode<Inputs>(value)
        : throw TransportError.BadRequest($"'{name}' must be a JSON object.");

    private T? ParseObjectParameter<T>(string text, string name)
    {
        if (string.IsNullOrEmpty(text))
            return default;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw TransportError.BadRequest($"'{name}' must be a JSON object.");
            if (!JsonStrings.AreUnicode(document.RootElement))
                throw TransportError.BadRequest(JsonStrings.LoneSurrogateRefusal);
            return serializer.ReadNode<T>(document.RootElement);
        }
        catch (JsonException)
        {
            throw TransportError.BadRequest($"'{name}' is not valid JSON.");
        }
    }
}
