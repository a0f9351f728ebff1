namespace Catalog.Domain.Files;

/// <summary>Direct uploads: a client announces a file, PUTs its bytes to a presigned URL, then asks to complete it.</summary>
public static class DirectUploadDecisions
{
    public static Decision Begin(BeginDirectUpload command, AcceptedContent accepted, DateTimeOffset now)
    {
        if (command.Size < 0)
            return Decision.Refuse(ErrorKind.BadInput, "A file's size cannot be negative.");
        if (!Sha256Hex.IsValid(command.Sha256))
            return Decision.Refuse(ErrorKind.BadInput, "The SHA-256 must be 64 lowercase hex characters.");
        if (ContentDecisions.CheckSize(accepted, command.Size) is { } tooLarge)
            return Decision.Refuse(tooLarge.Kind, tooLarge.Message);
        if (command.Lifetime <= TimeSpan.Zero)
            return Decision.Refuse(ErrorKind.BadInput, "An upload URL must be valid for some time.");

        return Decision.Append(new DirectUploadBegun(
            command.UploadId, command.OwnerId, command.FileId, command.OriginalName, command.ContentType, command.Size,
            command.Sha256, command.StagingLocation, now, now + command.Lifetime));
    }

    /// <summary>Someone else's upload, like one that does not exist, is not found; the owner never changes.</summary>
    public static DomainError? Owned(DirectUpload? upload, Guid callerId) =>
        upload is null || upload.OwnerId != callerId ? new DomainError(ErrorKind.NotFound, "The upload was not found.") : null;

    /// <summary>
    /// Whether the caller may complete the upload at all, before anything is read: someone else's upload is not
    /// found, and a completed one completes again with no events.
    /// </summary>
    public static DomainError? Admit(DirectUpload? upload, Guid callerId, DateTimeOffset now, TimeSpan grace)
    {
        if (upload is null || upload.OwnerId != callerId)
            return new DomainError(ErrorKind.NotFound, "The upload was not found.");
        if (upload.Status == DirectUploadStatus.Completed)
            return null;
        if (upload.Status == DirectUploadStatus.Expired || now > upload.CompletableUntil(grace))
            return new DomainError(ErrorKind.Expired, $"The upload expired at {upload.ExpiresAt:O}; begin a new one.");
        return null;
    }

    /// <summary>
    /// Records the file once the bytes found at the upload's location are exactly the ones announced: the
    /// <see cref="FileUploaded"/> for the file's new stream, and the completion for the upload's.
    /// </summary>
    public static Decision Complete(DirectUpload? upload, CompleteDirectUpload command, DateTimeOffset now, TimeSpan grace)
    {
        if (Admit(upload, command.CallerId, now, grace) is { } refused)
            return new Decision([], refused);
        if (upload!.Status == DirectUploadStatus.Completed)
            return Decision.Nothing;

        var found = command.Found;
        if (CheckSize(upload, found.Size) is { } wrongSize)
            return new Decision([], wrongSize);
        if (found.Sha256 != upload.Sha256)
            return Decision.Refuse(ErrorKind.BadInput,
                $"The uploaded object's SHA-256 is {found.Sha256}, but {upload.Sha256} was announced.");

        return Decision.Append(
            new FileUploaded(upload.FileId, upload.OwnerId, upload.OriginalName, found.ContentType, upload.Size,
                upload.Sha256, found.StoredAt, command.CallerId, now),
            new DirectUploadCompleted(upload.Id, upload.OwnerId, upload.FileId, now));
    }

    /// <summary>Whether the object at the staging location has the announced size; null means nothing was uploaded yet.</summary>
    public static DomainError? CheckSize(DirectUpload upload, long? stagedSize) => stagedSize switch
    {
        null => new DomainError(ErrorKind.BadInput, "Nothing has been uploaded to the upload's URL yet."),
        { } size when size != upload.Size =>
            new DomainError(ErrorKind.BadInput, $"The uploaded object has {size} bytes, but {upload.Size} were announced."),
        _ => null,
    };

    /// <summary>
    /// The staging URL takes PUTs while a completion runs, so the type judged on the staged bytes must be the type of the
    /// bytes copied, which only the service writes; otherwise the bytes recorded were never judged.
    /// </summary>
    public static DomainError? CheckCopiedType(AcceptedContent judged, AcceptedContent copied) =>
        copied.ContentType == judged.ContentType
            ? null
            : new DomainError(ErrorKind.Conflict,
                $"The uploaded object changed while the upload was being completed (it was {judged.ContentType}, the copy is " +
                $"{copied.ContentType}); PUT the file to the upload's URL once more, then complete the upload.");

    /// <summary>
    /// The staging URL takes PUTs while a completion runs: an object PUT again with another size after its size was
    /// checked, before it was copied, is not the object that was checked.
    /// </summary>
    public static DomainError ResizedWhileCompleting(DirectUpload upload) =>
        new(ErrorKind.Conflict,
            $"The uploaded object changed while the upload was being completed (it no longer has the announced {upload.Size} " +
            "bytes); PUT the file to the upload's URL once more, then complete the upload.");

    /// <summary>An upload never completed ends when its grace period does; its object, if any, is then removed.</summary>
    public static Decision Expire(DirectUpload? upload, DateTimeOffset now, TimeSpan grace)
    {
        if (upload is null || upload.Status != DirectUploadStatus.Pending)
            return Decision.Nothing;
        if (now < upload.CompletableUntil(grace))
            return Decision.Refuse(ErrorKind.Conflict,
                $"Upload {upload.Id} can be completed until {upload.CompletableUntil(grace):O}.");
        return Decision.Append(new DirectUploadExpired(upload.Id, upload.OwnerId, now));
    }
}
