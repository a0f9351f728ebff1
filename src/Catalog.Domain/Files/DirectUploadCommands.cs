namespace Catalog.Domain.Files;

public sealed record BeginDirectUpload(
    Guid UploadId,
    Guid FileId,
    Guid OwnerId,
    string OriginalName,
    string ContentType,
    long Size,
    string Sha256,
    StorageLocation StagingLocation,
    TimeSpan Lifetime);

/// <summary>
/// The bytes the service copied from the staging location to <paramref name="StoredAt"/>: their size, their SHA-256
/// and the type they show.
/// </summary>
public sealed record UploadedObject(long Size, string Sha256, string ContentType, StorageLocation StoredAt);

public sealed record CompleteDirectUpload(Guid UploadId, Guid CallerId, UploadedObject Found);

/// <summary>Scheduled when an upload begins, due when its URL and grace period have run out.</summary>
public sealed record ExpireDirectUpload(Guid UploadId);
