using Catalog.Domain.Files;

namespace Catalog.Projections.FileListing;

/// <summary>One row of a user's file listing: what queries read and what GraphQL returns as <c>File</c>.</summary>
public sealed record FileListing
{
    public required Guid Id { get; init; }
    public required Guid OwnerId { get; init; }
    public required string Name { get; init; }
    public required long Size { get; init; }
    public required string ContentType { get; init; }
    public required string Sha256 { get; init; }
    public required StorageTier Tier { get; init; }
    public required DateTimeOffset UploadedAt { get; init; }
    public DateTimeOffset? SyncedAt { get; init; }
    public DateTimeOffset? LastAccessedAt { get; init; }
    public int AccessCount { get; init; }
    public bool Deleted { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    /// <summary>The bytes are gone for good; the row stays so that a rebuild gives the same rows, and is never listed.</summary>
    public bool Purged { get; init; }
    public DateTimeOffset? PurgedAt { get; init; }
    public required StorageLocation LocalCopy { get; init; }
    public StorageLocation? CloudCopy { get; init; }
    /// <summary>Sync runs that gave up on this file; admins see it reported past <c>Sync:MaxFailedRunsBeforeReport</c>.</summary>
    public int FailedSyncRuns { get; init; }
    public string? LastSyncError { get; init; }
    public DateTimeOffset? LastSyncFailedAt { get; init; }
    /// <summary>The stream version this row reflects; a client can send it back for optimistic concurrency.</summary>
    public long Version { get; init; }
}
