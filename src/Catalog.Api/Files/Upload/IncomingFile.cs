namespace Catalog.Api.Files.Upload;

/// <summary>
/// A file as a client sends it: its claimed name and type, and a stream read once. <paramref name="Length"/> is its exact
/// length when the transport frames the file by it (a raw body's <c>Content-Length</c>), null when only the end of the
/// stream tells (a multipart part).
/// </summary>
public sealed record IncomingFile(string? FileName, string? ContentType, Stream Content, long? Length = null);
