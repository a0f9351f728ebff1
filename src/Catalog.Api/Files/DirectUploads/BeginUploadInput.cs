namespace Catalog.Api.Files.DirectUploads;

/// <summary>What a client announces before it PUTs a file's bytes itself.</summary>
public sealed class BeginUploadInput
{
    public required string FileName { get; init; }
    public string? ContentType { get; init; }
    public required long Size { get; init; }
    /// <summary>Hex SHA-256 of the bytes the client will PUT.</summary>
    public required string Sha256 { get; init; }
}
