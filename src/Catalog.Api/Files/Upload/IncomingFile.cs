namespace Catalog.Api.Files.Upload;

/// <summary>A file as a client sends it: its claimed name, type and (when known) size, and a stream read once.</summary>
public sealed record IncomingFile(string? FileName, string? ContentType, Stream Content, long? DeclaredSize = null);
