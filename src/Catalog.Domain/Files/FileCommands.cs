namespace Catalog.Domain.Files;

public sealed record UploadFile(
    Guid FileId,
    Guid OwnerId,
    string OriginalName,
    string ContentType,
    long Size,
    string Sha256,
    StorageLocation Location);

public sealed record AccessFile(Guid FileId, Guid AccessedBy, AccessMethod Method, string? ClientIp, string? UserAgent);

public sealed record SyncFileToCloud(Guid FileId, StorageLocation Location, string VerifiedSha256, long Size, Guid RunId);

public sealed record DeleteFile(Guid FileId, Guid DeletedBy, string? Reason);
