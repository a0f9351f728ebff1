namespace Catalog.Domain.Files;

public sealed partial record StoredFile
{
    /// <summary>The local copy is gone; only the cloud copy holds the bytes.</summary>
    public bool IsLocalCopyEvicted { get; init; }

    /// <summary>How many sync runs failed on this file; the last of them is <see cref="LastFailedSyncRunId"/>.</summary>
    public int FailedSyncRuns { get; init; }

    public Guid? LastFailedSyncRunId { get; init; }

    /// <summary>Until when a presigned URL of the local copy handed out may still work; eviction waits for it.</summary>
    public DateTimeOffset? LocalUrlsValidUntil { get; init; }

    public StoredFile Apply(LocalCopyEvicted e) => this with { IsLocalCopyEvicted = true };

    public StoredFile Apply(FileSyncFailed e) => this with { FailedSyncRuns = e.Attempt, LastFailedSyncRunId = e.RunId };
}
