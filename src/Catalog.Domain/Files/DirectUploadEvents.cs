namespace Catalog.Domain.Files;

// One stream per direct upload, apart from the file's own stream: the file exists only once its bytes are verified,
// while the upload has a life of its own (begun, then completed or expired) that the audit keeps. The client PUTs to a
// staging location; completion copies the verified bytes to the file's own location, which only the service writes.

public sealed record DirectUploadBegun(
    Guid UploadId,
    Guid OwnerId,
    Guid FileId,
    string OriginalName,
    string ContentType,
    long Size,
    string Sha256,
    StorageLocation StagingLocation,
    DateTimeOffset BegunAt,
    DateTimeOffset ExpiresAt);

public sealed record DirectUploadCompleted(Guid UploadId, Guid OwnerId, Guid FileId, DateTimeOffset CompletedAt);

public sealed record DirectUploadExpired(Guid UploadId, Guid OwnerId, DateTimeOffset ExpiredAt);
