namespace Catalog.Domain.Files;

public static partial class FileDecisions
{
    public const int MaxSyncErrorLength = 1_000;

    /// <summary>Removing the local copy is only allowed once a verified cloud copy is on record.</summary>
    public static Decision EvictLocalCopy(StoredFile? file, EvictLocalCopy command, DateTimeOffset now)
    {
        if (file is null || file.IsDeleted)
            return NotFound(command.FileId);
        if (file.IsLocalCopyEvicted)
            return Decision.Nothing;
        if (file.CloudCopy is null)
            return Decision.Refuse(ErrorKind.Conflict,
                $"File {file.Id} has no verified cloud copy; its local copy must stay.");
        // A download URL of the local copy that still works must keep working: a later run evicts it.
        if (file.LocalUrlsValidUntil > now)
            return Decision.Nothing;

        return Decision.Append(new LocalCopyEvicted(file.Id, file.OwnerId, file.LocalCopy, command.RunId, now));
    }

    /// <summary>
    /// One failure per file and run: a run that already recorded its failure, a file that meanwhile reached the
    /// cloud or was deleted, all need no new event.
    /// </summary>
    public static Decision RecordSyncFailure(StoredFile? file, RecordSyncFailure command, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(command.Error))
            return Decision.Refuse(ErrorKind.BadInput, "A sync failure needs an error description.");
        if (file is null)
            return NotFound(command.FileId);
        if (file.IsDeleted || file.CloudCopy is not null || file.LastFailedSyncRunId == command.RunId)
            return Decision.Nothing;

        var error = command.Error.Length > MaxSyncErrorLength ? command.Error[..MaxSyncErrorLength] : command.Error;
        return Decision.Append(new FileSyncFailed(file.Id, file.OwnerId, command.RunId, file.FailedSyncRuns + 1, error, now));
    }
}
