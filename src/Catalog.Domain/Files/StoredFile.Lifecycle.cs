namespace Catalog.Domain.Files;

public sealed partial record StoredFile
{
    /// <summary>The bytes were removed from every tier: the file is gone for good.</summary>
    public bool IsPurged { get; init; }

    /// <summary>
    /// Where the bytes can be read, best first: the local tier while it holds a copy (the tier is <c>Cloud</c> once the
    /// sync evicted it), then the cloud tier.
    /// </summary>
    public IReadOnlyList<StoredCopy> ReadableCopies
    {
        get
        {
            var copies = new List<StoredCopy>(2);
            if (LocalCopy is { } local && Tier != StorageTier.Cloud)
                copies.Add(new StoredCopy(StorageTier.Local, local));
            if (CloudCopy is { } cloud)
                copies.Add(new StoredCopy(StorageTier.Cloud, cloud));
            return copies;
        }
    }

    public bool HoldsCopyIn(StorageTier tier) => ReadableCopies.Any(c => c.Tier == tier);

    /// <summary>Until when a deleted file can be restored; null when it is not deleted or already purged.</summary>
    public DateTimeOffset? RestorableUntil(TimeSpan retention) =>
        IsDeleted && !IsPurged && DeletedAt is { } deletedAt ? deletedAt + retention : null;

    public StoredFile Apply(FileRestored e) => this with { IsDeleted = false, DeletedAt = null };

    public StoredFile Apply(FilePurged e) => this with { IsPurged = true };
}
