namespace Catalog.Domain.Files;

public enum DirectUploadStatus
{
    Pending,
    Completed,
    Expired,
}

/// <summary>A client's announced upload to a presigned URL: what it promised to send, and where.</summary>
public sealed record DirectUpload(
    Guid Id,
    Guid OwnerId,
    Guid FileId,
    string OriginalName,
    string ContentType,
    long Size,
    string Sha256,
    StorageLocation StagingLocation,
    DateTimeOffset ExpiresAt,
    DirectUploadStatus Status)
{
    public static DirectUpload Create(DirectUploadBegun e) =>
        new(e.UploadId, e.OwnerId, e.FileId, e.OriginalName, e.ContentType, e.Size, e.Sha256, e.StagingLocation, e.ExpiresAt,
            DirectUploadStatus.Pending);

    public DirectUpload Apply(DirectUploadCompleted e) => this with { Status = DirectUploadStatus.Completed };

    public DirectUpload Apply(DirectUploadExpired e) => this with { Status = DirectUploadStatus.Expired };

    /// <summary>The last moment it may be completed: a PUT that began before the URL expired may still be running.</summary>
    public DateTimeOffset CompletableUntil(TimeSpan grace) => ExpiresAt + grace;
}
