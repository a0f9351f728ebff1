using Microsoft.Extensions.Logging;

namespace Catalog.Sync;

/// <summary>Every log line of the nightly transfer, in one place.</summary>
internal static partial class SyncLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Try {Attempt} to sync file {FileId} failed, trying again: {Error}")]
    public static partial void TryFailed(this ILogger logger, int attempt, Guid fileId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} failed to sync in run {RunId}: {Error}")]
    public static partial void FileFailed(this ILogger logger, Guid fileId, Guid runId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {FileId} has failed to sync in {Runs} runs; last error: {Error}")]
    public static partial void FileKeepsFailing(this ILogger logger, Guid fileId, int runs, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {FileId} cannot be synced: {Reason} It has no other copy: restore its bytes from a backup, or delete the file")]
    public static partial void LocalCopyDamaged(this ILogger logger, Guid fileId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} was deleted while it was being synced; its cloud copy was removed")]
    public static partial void DeletedDuringTransfer(this ILogger logger, Guid fileId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A file of a batch of {Count} copies changed while it was copied; they are recorded one by one")]
    public static partial void RecordedOneByOne(this ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "File {FileId} keeps its local copy: its cloud copy could not be checked ({Error}); a later run evicts it")]
    public static partial void EvictionUnconfirmed(this ILogger logger, Guid fileId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {FileId} keeps its local copy: its recorded cloud copy {CloudCopy} holds {CloudSize} instead of {Size} bytes; the local copy is its only good one")]
    public static partial void CloudCopyNotAsRecorded(this ILogger logger, Guid fileId, string cloudCopy, string cloudSize, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the {Tier} object {ObjectKey}; it is an orphan now")]
    public static partial void OrphanLeft(this ILogger logger, Exception exception, string tier, string objectKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Aborted {Count} multipart upload(s) of {ObjectKey} that earlier tries left open")]
    public static partial void EarlierUploadsAborted(this ILogger logger, int count, string objectKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not abort the multipart uploads earlier tries left open for {ObjectKey} ({Error}); their parts stay until the bucket's lifecycle rule removes them")]
    public static partial void EarlierUploadsLeftOpen(this ILogger logger, string objectKey, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} started ({Trigger})")]
    public static partial void RunStarted(this ILogger logger, Guid runId, Catalog.Domain.Sync.SyncTrigger trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} batch {Batch}: {Tried} tried, {Synced} synced, {Failed} failed, {DeletedMeanwhile} deleted meanwhile, {Bytes} bytes")]
    public static partial void BatchDone(this ILogger logger, Guid runId, int batch, int tried, int synced, int failed, int deletedMeanwhile, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} finished")]
    public static partial void RunFinished(this ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId} stopped early: {Reason} {Finding}")]
    public static partial void RunCutShort(this ILogger logger, Guid runId, string reason, string finding);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} batch {Batch}: {Count} files failed as if a storage tier were down, but both tiers answer; those are failures of the files' own objects, and the run goes on")]
    public static partial void OutageNotConfirmed(this ILogger logger, Guid runId, int batch, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sync's work lock was lost with its connection ({Error}); a batch records its copies only if it can take the lock again, and its run has not moved on")]
    public static partial void WorkLockLost(this ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {Batch} of sync run {RunId} was done already")]
    public static partial void BatchNotMine(this ILogger logger, Guid runId, int batch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Next nightly sync run scheduled for {NextRunAt}")]
    public static partial void Scheduled(this ILogger logger, DateTimeOffset nextRunAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The nightly sync run due at {DueAt} was missed; it starts now")]
    public static partial void MissedRun(this ILogger logger, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring the scheduled sync run for {SlotAt}: the schedule moved on")]
    public static partial void StaleSlot(this ILogger logger, DateTimeOffset slotAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId} has recorded nothing since {Since} and no worker is moving files; batch {Batch} is sent again")]
    public static partial void RunStalled(this ILogger logger, Guid runId, int batch, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The nightly sync slot due at {SlotAt} was not started; it is started now")]
    public static partial void SlotLost(this ILogger logger, DateTimeOffset slotAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the sync for a stalled run or a lost nightly slot: {Error}; checks go on, and this is said again only after one succeeds")]
    public static partial void StallCheckFailed(this ILogger logger, string error);
}
