namespace Catalog.Domain.Sync;

/// <summary>What may happen to a sync run.</summary>
public static class SyncRunDecisions
{
    /// <summary>Only one run at a time: while <paramref name="runningRunId"/> is running, starting is a no-op.</summary>
    public static Decision Begin(BeginSyncRun command, Guid? runningRunId, DateTimeOffset now) =>
        runningRunId is not null
            ? Decision.Nothing
            : Decision.Append(new SyncRunStarted(
                command.RunId, command.Trigger, command.RequestedBy, command.ScheduledFor, now));

    /// <summary>
    /// Batches are recorded in order and once: a batch delivered again after it was recorded, or a batch of a
    /// finished run, decides nothing.
    /// </summary>
    public static Decision CompleteBatch(SyncRun? run, CompleteSyncBatch command, DateTimeOffset now)
    {
        if (command.Tried < 0 || command.Synced < 0 || command.Failed < 0 || command.DeletedMeanwhile < 0 || command.Bytes < 0
            || command.Synced + command.Failed + command.DeletedMeanwhile != command.Tried)
            return Decision.Refuse(ErrorKind.BadInput, "A batch's counts must be non-negative, and its files tried must be those synced, failed and deleted meanwhile.");
        if (command.CutShortBecause is not null && !command.IsLast)
            return Decision.Refuse(ErrorKind.BadInput, "Only a run's last batch can cut it short.");
        if (run is null)
            return Decision.Refuse(ErrorKind.NotFound, $"Sync run {command.RunId} was not found.");
        if (run.IsFinished || command.Batch != run.CompletedBatches)
            return Decision.Nothing;

        var completed = new SyncBatchCompleted(run.Id, command.Batch, command.Tried, command.Synced,
            command.Failed, command.Bytes, command.LastFileId, now, command.DeletedMeanwhile);
        return command.IsLast
            ? Decision.Append(completed, new SyncRunFinished(run.Id, now, command.CutShortBecause))
            : Decision.Append(completed);
    }
}
