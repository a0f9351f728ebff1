namespace Catalog.Domain.Sync;

/// <summary>The write-side state of one sync run: how far it got.</summary>
public sealed record SyncRun(Guid Id, int CompletedBatches, Guid? Cursor, bool IsFinished)
{
    public static SyncRun Create(SyncRunStarted e) => new(e.RunId, 0, null, false);

    public SyncRun Apply(SyncBatchCompleted e) =>
        this with { CompletedBatches = e.Batch + 1, Cursor = e.LastFileId ?? Cursor };

    public SyncRun Apply(SyncRunFinished e) => this with { IsFinished = true };
}
