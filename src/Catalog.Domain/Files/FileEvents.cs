using System.Text.Json.Serialization;

namespace Catalog.Domain.Files;

// One stream per file. Events are the source of truth: never change a shipped event's shape,
// add a new event (or an optional trailing member) instead.

/// <summary>
/// Every event of a file's stream names the file and its owner, so a projection can file it under its owner
/// without reading anything but the event itself.
/// </summary>
public interface IFileEvent
{
    Guid FileId { get; }
    Guid OwnerId { get; }
}

public sealed record FileUploaded(
    Guid FileId,
    Guid OwnerId,
    string OriginalName,
    string ContentType,
    long Size,
    string Sha256,
    StorageLocation Location,
    Guid UploadedBy,
    DateTimeOffset UploadedAt) : IFileEvent;

/// <param name="UrlExpiresAt">
/// For a presigned URL, until when it works; null for streamed reads and older events. Left out when null, so older
/// events and their audit entries serialize as they did before it existed.
/// </param>
public sealed record FileAccessed(
    Guid FileId,
    Guid OwnerId,
    Guid AccessedBy,
    AccessMethod Method,
    StorageTier Tier,
    string? ClientIp,
    string? UserAgent,
    DateTimeOffset AccessedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? UrlExpiresAt = null) : IFileEvent;

public sealed record FileSyncedToCloud(
    Guid FileId,
    Guid OwnerId,
    StorageLocation Location,
    string VerifiedSha256,
    long Size,
    Guid RunId,
    DateTimeOffset SyncedAt) : IFileEvent;

public sealed record FileDeleted(
    Guid FileId,
    Guid OwnerId,
    Guid DeletedBy,
    string? Reason,
    DateTimeOffset DeletedAt) : IFileEvent;
