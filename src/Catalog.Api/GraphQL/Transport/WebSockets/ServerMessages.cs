using System.Buffers;
using System.Text;
using System.Text.Json;
using Catalog.Api.Errors;
using Catalog.Api.GraphQL.Schema;
using GraphQL;

namespace Catalog.Api.GraphQL.Transport.WebSockets;

/// <summary>Writes the server's graphql-transport-ws messages; payloads go through the GraphQL serializer, so errors are shaped in one place.</summary>
public sealed class ServerMessages(IGraphQLTextSerializer serializer)
{
    public byte[] ConnectionAck() => Write("connection_ack");
    public byte[] Ping() => Write("ping");
    public byte[] Pong() => Write("pong");
    public byte[] Next(string id, ExecutionResult result) => Next(NextPrefix(id), Payload(result));

    /// <summary>A <c>next</c> message up to its payload, written once per operation, so each event costs one copy.</summary>
    public static byte[] NextPrefix(string id) => [.. "{\"id\":"u8, .. JsonSerializer.SerializeToUtf8Bytes(id), .. ",\"type\":\"next\",\"payload\":"u8];

    public static byte[] Next(byte[] prefix, ReadOnlySpan<byte> payload)
    {
        var message = new byte[prefix.Length + payload.Length + 1];
        prefix.CopyTo(message, 0);
        payload.CopyTo(message.AsSpan(prefix.Length));
        message[^1] = (byte)'}';
        return message;
    }

    public byte[] Error(string id, IEnumerable<ExecutionError> errors) => Write("error", id, Utf8(serializer.Serialize(errors.ToList())));
    public byte[] Complete(string id) => Write("complete", id);

    /// <summary>A <c>next</c> message's payload, to be framed for each operation that receives it.</summary>
    public byte[] Payload(ExecutionResult result) => Utf8(serializer.Serialize(result));

    /// <summary>
    /// A subscription whose one root field was skipped (<c>@skip</c>, <c>@include</c>) has no stream to follow; the
    /// GraphQL spec's single-root-field rule forbids those directives there.
    /// </summary>
    public static ExecutionError NoRootField() =>
        new RefusedRequestError(ErrorCode.BadUserInput, null, "A subscription must select its one root field: this one's was left out by @skip or @include.");

    public static ExecutionError Internal() =>
        new RefusedRequestError(ErrorCode.Internal, null, "An internal error occurred; it has been logged.");

    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static byte[] Write(string type, string? id = null, ReadOnlySpan<byte> payloadJson = default)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (id is not null)
                writer.WriteString("id", id);
            writer.WriteString("type", type);
            if (!payloadJson.IsEmpty)
            {
                writer.WritePropertyName("payload");
                writer.WriteRawValue(payloadJson, skipInputValidation: true);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
