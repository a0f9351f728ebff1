using System.Text;
using System.Text.Json;
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
        try
        {
            return FromJsonObject(body);
        }
        // The parser checks a body's structure, not its strings: bytes that are not UTF-8 fail when a string is read.
        catch (Exception e) when (e is InvalidOperationException or DecoderFallbackException)
        {
            throw NotUtf8();
        }
        catch (JsonException)
        {
            throw TransportError.BadRequest("'variables' or 'extensions' cannot be read: a string in them may not be UTF-8.");
        }
    }

    private GraphQLRequest FromJsonObject(JsonElement body)
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

    public static TransportError NotUtf8() =>
        TransportError.BadRequest("The request is not valid JSON: a string in it is not UTF-8.");

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
            return serializer.ReadNode<T>(document.RootElement);
        }
        catch (JsonException)
        {
            throw TransportError.BadRequest($"'{name}' is not valid JSON.");
        }
    }
}
