using GraphQL;

namespace Catalog.Api.Files.DirectUploads;

public sealed record HttpHeader(string Name, string Value);

/// <summary>Where and until when the client may PUT the bytes, and the headers to send with them.</summary>
public sealed record UploadTicket(
    [property: Id] Guid UploadId, string Url, DateTimeOffset ExpiresAt, IReadOnlyList<HttpHeader> Headers);
