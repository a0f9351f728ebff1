namespace Catalog.Domain.Files;

public static partial class FileDecisions
{
    /// <summary>
    /// Removes a deleted file for good once its retention window has closed. A restored file is not purged, and a file
    /// deleted again is purged only by the message of its latest deletion.
    /// </summary>
    public static Decision Purge(StoredFile? file, PurgeFile command, TimeSpan retention, DateTimeOffset now)
    {
        if (retention < TimeSpan.Zero)
            return Decision.Refuse(ErrorKind.BadInput, "The retention period cannot be negative.");
        if (file is null)
            return NotFound(command.FileId);
        if (file.IsPurged || !file.IsDeleted || file.DeletedAt != command.DeletedAt)
            return Decision.Nothing;
        if (file.RestorableUntil(retention) is { } until && now < until)
            return Decision.Refuse(ErrorKind.Conflict,
                $"File {file.Id} can be restored until {until:O}; it cannot be purged before then.");

        var copies = file.ReadableCopies;
        return Decision.Append(new FilePurged(
            file.Id, file.OwnerId, file.Size, CopyIn(copies, StorageTier.Local), CopyIn(copies, StorageTier.Cloud), command.DeletedAt, now));
    }

    private static StorageLocation? CopyIn(IReadOnlyList<StoredCopy> copies, StorageTier tier) =>
        copies.FirstOrDefault(c => c.Tier == tier)?.Location;
}
