namespace Catalog.Domain.Files;

public sealed record RestoreFile(Guid FileId, Guid RestoredBy);

/// <summary>
/// Purge the file deleted at <paramref name="DeletedAt"/>. Scheduled at delete time; the deletion time tells a stale
/// message (the file was restored and deleted again since) from the current one.
/// </summary>
public sealed record PurgeFile(Guid FileId, DateTimeOffset DeletedAt);

/// <summary>One copy of a file's bytes and the tier that holds it.</summary>
public sealed record StoredCopy(StorageTier Tier, StorageLocation Location);

public static class DeleteReason
{
    public const int MaximumLength = 500;
}
