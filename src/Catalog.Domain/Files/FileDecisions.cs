namespace Catalog.Domain.Files;

/// <summary>What may happen to a stored file: given its state and a command, the events to append.</summary>
public static partial class FileDecisions
{
    public static Decision Upload(UploadFile command, DateTimeOffset now)
    {
        if (command.Size < 0)
            return Decision.Refuse(ErrorKind.BadInput, "A file's size cannot be negative.");
        if (!Sha256Hex.IsValid(command.Sha256))
            return Decision.Refuse(ErrorKind.BadInput, "The SHA-256 must be 64 lowercase hex characters.");

        return Decision.Append(new FileUploaded(
            command.FileId, command.OwnerId, command.OriginalName, command.ContentType,
            command.Size, command.Sha256, command.Location, command.OwnerId, now));
    }

    public static Decision Access(StoredFile? file, AccessFile command, DateTimeOffset now)
    {
        if (file is null || file.IsDeleted)
            return NotFound(command.FileId);
        if (command.ServedFrom is { } served && !file.HoldsCopyIn(served))
            return Decision.Refuse(ErrorKind.Conflict, $"File {file.Id} has no copy in the {served} tier.");

        return Decision.Append(new FileAccessed(
            file.Id, file.OwnerId, command.AccessedBy, command.Method, command.ServedFrom ?? file.Tier, command.ClientIp,
            command.UserAgent, now, command.UrlExpiresAt));
    }

    public static Decision SyncToCloud(StoredFile? file, SyncFileToCloud command, DateTimeOffset now)
    {
        if (command.Size < 0 || !Sha256Hex.IsValid(command.VerifiedSha256))
            return Decision.Refuse(ErrorKind.BadInput, "A verified copy needs a size and a SHA-256.");
        if (file is null || file.IsDeleted)
            return NotFound(command.FileId);
        if (file.CloudCopy is not null)
            return Decision.Nothing;
        if (command.Size != file.Size || command.VerifiedSha256 != file.Sha256)
            return Decision.Refuse(ErrorKind.Conflict,
                $"The cloud copy of file {file.Id} does not match the uploaded bytes (size or SHA-256 differ).");

        return Decision.Append(new FileSyncedToCloud(
            file.Id, file.OwnerId, command.Location, command.VerifiedSha256, command.Size, command.RunId, now));
    }

    public static Decision Delete(StoredFile? file, DeleteFile command, DateTimeOffset now)
    {
        if (command.Reason is { Length: > DeleteReason.MaximumLength })
            return Decision.Refuse(ErrorKind.BadInput,
                $"The reason for a deletion must be at most {DeleteReason.MaximumLength} characters long.");
        if (file is null || file.IsPurged)
            return NotFound(command.FileId);
        if (file.IsDeleted)
            return Decision.Nothing;

        return Decision.Append(new FileDeleted(file.Id, file.OwnerId, command.DeletedBy, command.Reason, now));
    }

    private static Decision NotFound(Guid fileId) =>
        Decision.Refuse(ErrorKind.NotFound, $"File {fileId} was not found.");
}
