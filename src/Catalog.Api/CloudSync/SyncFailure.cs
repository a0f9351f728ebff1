namespace Catalog.Api.CloudSync;

/// <summary>A file that failed to reach the cloud tier in at least <c>Sync:MaxFailedRunsBeforeReport</c> runs.</summary>
public sealed record SyncFailure(
    Guid FileId,
    Guid OwnerId,
    string Name,
    long Size,
    int FailedSyncRuns,
    string? LastError,
    DateTimeOffset? LastFailedAt);
