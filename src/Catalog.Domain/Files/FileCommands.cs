namespace Catalog.Domain.Files;

public sealed record UploadFile(
    Guid FileId,
    Guid OwnerId,
    string OriginalName,
    string ContentType,
    long Size,
    string Sha256,
    StorageLocation Location);

/// <param name="ServedFrom">The tier whose copy served the bytes; null records the file's tier.</param>
/// <param name="UrlExpiresAt">For a presigned URL, until when it works: the copy it points at is kept until then.</param>
public sealed record AccessFile(
    Guid FileId, Guid AccessedBy, AccessMethod Method, string? ClientIp, string? UserAgent, StorageTier? ServedFrom = null,
    DateTimeOffset? UrlExpiresAt = null);

public sealed record SyncFileToCloud(Guid FileId, StorageLocation Location, string VerifiedSha256, long Size, Guid RunId);

public sealed record DeleteFile(Guid FileId, Guid DeletedBy, string? Reason);
