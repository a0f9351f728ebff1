using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>One message from a graphql-transport-ws client, checked for the shape its type requires (else close 4400).</summary>
public sealed record ClientMessage(string Type, string? Id, JsonElement? Payload)
{
    public const string ConnectionInit = "connection_init";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Subscribe = "subscribe";
    public const string Complete = "complete";

    public static ClientMessage Parse(ReadOnlySpan<byte> utf8)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray());
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Invalid("Invalid message received: not JSON");
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw Invalid("Invalid message received: not a JSON object");
        if (!JsonStrings.AreUnicode(root))
            throw Invalid("Invalid message received: a string in it is not Unicode");
        if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            throw Invalid("Invalid message received: 'type' must be a string");

        var message = new ClientMessage(type.GetString()!, null, null);
        return message.Type switch
        {
            ConnectionInit or Ping or Pong => message with { Payload = OptionalObject(root) },
            Subscribe => message with { Id = RequiredId(root), Payload = RequiredObject(root) },
            Complete => message with { Id = RequiredId(root) },
            _ => throw Invalid($"Unexpected message of type '{message.Type}' received"),
        };
    }

    /// <summary>The <c>authorization</c> value of a <c>connection_init</c> payload, whatever the case of its key.</summary>
    public string? Authorization()
    {
        if (Payload is not { ValueKind: JsonValueKind.Object } payload)
            return null;
        foreach (var property in payload.EnumerateObject())
        {
            if (!property.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
                continue;
            return property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()
                : throw Invalid("Invalid message received: 'authorization' must be a string");
        }
        return null;
    }

    public GraphQLRequest Request(GraphQLRequestReader reader)
    {
        try
        {
            return reader.FromJson(Payload!.Value);
        }
        catch (TransportError e)
        {
            throw Invalid($"Invalid subscribe payload: {e.Message}");
        }
    }

    private static string RequiredId(JsonElement root) =>
        root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } value
            ? value
            : throw Invalid("Invalid message received: 'id' must be a non-empty string");

    private static JsonElement RequiredObject(JsonElement root) =>
        root.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object
            ? payload
            : throw Invalid("Invalid message received: 'payload' must be an object");

    private static JsonElement? OptionalObject(JsonElement root)
    {
        if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind == JsonValueKind.Null)
            return null;
        return payload.ValueKind == JsonValueKind.Object
            ? payload
            : throw Invalid("Invalid message received: 'payload' must be an object or null");
    }

    private static CloseConnection Invalid(string reason) => new(CloseCodes.BadRequest, reason);
}
