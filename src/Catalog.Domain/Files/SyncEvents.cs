namespace Catalog.Domain.Files;

// What the nightly transfer does to one file, beyond FileSyncedToCloud.

/// <summary>The local copy was removed after a verified cloud copy existed; reads come from the cloud tier now.</summary>
public sealed record LocalCopyEvicted(
    Guid FileId,
    Guid OwnerId,
    StorageLocation Location,
    Guid RunId,
    DateTimeOffset EvictedAt) : IFileEvent;

/// <summary>
/// A sync run gave up on this file after its retries. <paramref name="Attempt"/> counts the runs that failed
/// on it since it was uploaded (1 for the first); the next run tries again.
/// </summary>
public sealed record FileSyncFailed(
    Guid FileId,
    Guid OwnerId,
    Guid RunId,
    int Attempt,
    string Error,
    DateTimeOffset FailedAt) : IFileEvent;
