namespace Catalog.Domain.Files;

// One stream per file. Events are the source of truth: never change a shipped event's shape,
// add a new event (or an optional trailing member) instead.

public sealed record FileUploaded(
    Guid FileId,
    Guid OwnerId,
    string OriginalName,
    string ContentType,
    long Size,
    string Sha256,
    StorageLocation Location,
    Guid UploadedBy,
    DateTimeOffset UploadedAt);

public sealed record FileAccessed(
    Guid FileId,
    Guid AccessedBy,
    AccessMethod Method,
    StorageTier Tier,
    string? ClientIp,
    string? UserAgent,
    DateTimeOffset AccessedAt);

public sealed record FileSyncedToCloud(
    Guid FileId,
    StorageLocation Location,
    string VerifiedSha256,
    long Size,
    Guid RunId,
    DateTimeOffset SyncedAt);

public sealed record FileDeleted(
    Guid FileId,
    Guid DeletedBy,
    string? Reason,
    DateTimeOffset DeletedAt);
