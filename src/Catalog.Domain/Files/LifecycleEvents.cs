namespace Catalog.Domain.Files;

// The end of a file's life: a deleted file comes back, or its bytes are removed from every tier for good.

public sealed record FileRestored(
    Guid FileId,
    Guid OwnerId,
    Guid RestoredBy,
    DateTimeOffset RestoredAt) : IFileEvent;

/// <summary>
/// The file can never come back. <paramref name="LocalCopy"/> and <paramref name="CloudCopy"/> are the copies it held:
/// the cloud copy was removed, and so was the local object unless another file of the owner still shares its content
/// (the content stream's <see cref="ContentReleased"/> says which). <paramref name="Size"/> is what the owner's quota
/// gets back (the usage projection needs no other stream to know it).
/// </summary>
public sealed record FilePurged(
    Guid FileId,
    Guid OwnerId,
    long Size,
    StorageLocation? LocalCopy,
    StorageLocation? CloudCopy,
    DateTimeOffset DeletedAt,
    DateTimeOffset PurgedAt) : IFileEvent;
