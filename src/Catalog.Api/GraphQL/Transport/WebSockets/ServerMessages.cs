using System.Buffers;
using System.Text.Json;
using GraphQL;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>Writes the server's graphql-transport-ws messages; payloads go through the GraphQL serializer, so errors are shaped in one place.</summary>
public sealed class ServerMessages(IGraphQLTextSerializer serializer)
{
    public byte[] ConnectionAck() => Write("connection_ack");
    public byte[] Ping() => Write("ping");
    public byte[] Pong() => Write("pong");
    public byte[] Next(string id, ExecutionResult result) => Write("next", id, serializer.Serialize(result));
    public byte[] Error(string id, IEnumerable<ExecutionError> errors) => Write("error", id, serializer.Serialize(errors.ToList()));
    public byte[] Complete(string id) => Write("complete", id);

    private static byte[] Write(string type, string? id = null, string? payloadJson = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (id is not null)
                writer.WriteString("id", id);
            writer.WriteString("type", type);
            if (payloadJson is not null)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(payloadJson, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
