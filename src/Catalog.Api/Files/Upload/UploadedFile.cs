using Catalog.Domain.Files;
using Catalog.Projections.FileListing;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// The body of a REST upload's <c>201 Created</c>: the fields of GraphQL's <c>File</c>, no more. Where the bytes are
/// stored (bucket and key) stays inside the service, as it does in GraphQL.
/// </summary>
public sealed record UploadedFile(
    Guid Id,
    Guid OwnerId,
    string Name,
    long Size,
    string ContentType,
    string Sha256,
    StorageTier Tier,
    DateTimeOffset UploadedAt,
    DateTimeOffset? SyncedAt,
    DateTimeOffset? LastAccessedAt,
    int AccessCount,
    bool Deleted,
    DateTimeOffset? DeletedAt,
    int FailedSyncRuns,
    DateTimeOffset? LastSyncFailedAt,
    long Version,
    DateTimeOffset? PurgedAt)
{
    public static UploadedFile Of(FileListing file) => new(
        file.Id, file.OwnerId, file.Name, file.Size, file.ContentType, file.Sha256, file.Tier, file.UploadedAt,
        file.SyncedAt, file.LastAccessedAt, file.AccessCount, file.Deleted, file.DeletedAt, file.FailedSyncRuns,
        file.LastSyncFailedAt, file.Version, file.PurgedAt);
}
