namespace Catalog.Domain.Files;

public static partial class FileDecisions
{
    /// <summary>A deleted file comes back while its retention window is open; after that it no longer exists.</summary>
    public static Decision Restore(StoredFile? file, RestoreFile command, TimeSpan retention, DateTimeOffset now)
    {
        if (retention < TimeSpan.Zero)
            return Decision.Refuse(ErrorKind.BadInput, "The retention period cannot be negative.");
        if (file is null || file.IsPurged)
            return NotFound(command.FileId);
        if (!file.IsDeleted)
            return Decision.Nothing;
        if (now >= file.RestorableUntil(retention))
            return NotFound(command.FileId);

        return Decision.Append(new FileRestored(file.Id, file.OwnerId, command.RestoredBy, now));
    }
}
