namespace Catalog.Api.Files.Upload;

/// <summary>A file as a client sends it: its claimed name and type, and a stream that can be read once.</summary>
public sealed record IncomingFile(string? FileName, string? ContentType, Stream Content);
