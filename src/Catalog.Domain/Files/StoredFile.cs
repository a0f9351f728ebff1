namespace Catalog.Domain.Files;

/// <summary>The write-side state of one file, folded from its stream.</summary>
public sealed partial record StoredFile(
    Guid Id,
    Guid OwnerId,
    string OriginalName,
    long Size,
    string Sha256,
    StorageLocation LocalCopy,
    StorageLocation? CloudCopy,
    bool IsDeleted,
    DateTimeOffset? DeletedAt)
{
    public StorageTier Tier =>
        CloudCopy is null ? StorageTier.Local : IsLocalCopyEvicted ? StorageTier.Cloud : StorageTier.LocalAndCloud;

    public static StoredFile Create(FileUploaded e) =>
        new(e.FileId, e.OwnerId, e.OriginalName, e.Size, e.Sha256, e.Location, null, false, null);

    public StoredFile Apply(FileAccessed e) =>
        e is { Tier: StorageTier.Local, UrlExpiresAt: { } until } && !(LocalUrlsValidUntil >= until)
            ? this with { LocalUrlsValidUntil = until }
            : this;

    public StoredFile Apply(FileSyncedToCloud e) => this with { CloudCopy = e.Location };

    public StoredFile Apply(FileDeleted e) => this with { IsDeleted = true, DeletedAt = e.DeletedAt };
}
