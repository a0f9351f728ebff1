using Catalog.Domain;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Storage;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalog.Sync.Transfer;

/// <summary>
/// Moves one file: reads its state (remembering the stream version), copies and verifies the bytes, then appends
/// <see cref="FileSyncedToCloud"/> only if the stream did not move meanwhile. When it did, the decision is taken
/// again on the new state: a delete that landed during the transfer wins and the fresh cloud copy is removed.
/// </summary>
public sealed class FileSyncer(
    IDocumentStore store, CloudCopier copier, CloudTier cloud, LocalTier local, IOptions<SyncOptions> options,
    TimeProvider time, ILogger<FileSyncer> logger)
{
    public async Task<FileOutcome> SyncAsync(FileListing candidate, Guid runId, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<StoredFile>(candidate.Id, ct);
        if (stream.Aggregate is { IsDeleted: false, IsLocalCopyEvicted: false, CloudCopy: not null } synced)
            return await EvictAfterEarlierSyncAsync(synced, runId, ct);
        if (stream.Aggregate is not { IsDeleted: false, CloudCopy: null } file)
            return new FileOutcome(FileOutcomeKind.Skipped);

        var copy = new FileToCopy(file.Id, file.OwnerId, file.LocalCopy.ObjectKey, file.Size, file.Sha256, candidate.ContentType);
        var (location, verifiedSha256, error) = await CopyWithRetriesAsync(copy, ct);
        if (error is not null)
        {
            await RecordFailureAsync(file.Id, runId, error, ct);
            return new FileOutcome(FileOutcomeKind.Failed);
        }

        var command = new SyncFileToCloud(file.Id, location!, verifiedSha256!, file.Size, runId);
        var saved = await FileStreamWrites.AppendAsync(store, session, stream,
            state => FileDecisions.SyncToCloud(state, command, time.GetUtcNow()), ct);
        if (saved.Error?.Kind == ErrorKind.NotFound)
        {
            await RemoveUnrecordedCopyAsync(file.Id, location!, ct);
            return new FileOutcome(FileOutcomeKind.DeletedDuringTransfer);
        }
        if (saved.Error is { } refused)
        {
            await RecordFailureAsync(file.Id, runId, refused.Message, ct);
            return new FileOutcome(FileOutcomeKind.Failed);
        }
        if (saved.Events.Count == 0)
            return new FileOutcome(FileOutcomeKind.Skipped);

        if (options.Value.DeleteLocalAfterSync)
            await EvictLocalCopyAsync(file.Id, runId, ct);
        return new FileOutcome(FileOutcomeKind.Synced, file.Size);
    }

    private async Task<(StorageLocation? Location, string? Sha256, string? Error)> CopyWithRetriesAsync(FileToCopy file, CancellationToken ct)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.AttemptTimeout);
            try
            {
                var (location, sha256) = await copier.CopyAsync(file, timeout.Token);
                return (location, sha256, null);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var error = TransientFailures.Describe(e);
                if (!TransientFailures.IsTransient(e) || attempt >= settings.AttemptsPerFile)
                    return (null, null, error);
                logger.TryFailed(attempt, file.FileId, error);
                await Task.Delay(settings.CooldownAfter(attempt), time, ct);
            }
        }
    }

    private async Task RecordFailureAsync(Guid fileId, Guid runId, string error, CancellationToken ct)
    {
        var command = new RecordSyncFailure(fileId, runId, error);
        var saved = await FileStreamWrites.AppendAsync(store, fileId,
            state => FileDecisions.RecordSyncFailure(state, command, time.GetUtcNow()), ct);
        if (saved.Events.OfType<FileSyncFailed>().SingleOrDefault() is not { } failed)
            return;
        if (failed.Attempt >= options.Value.MaxFailedRunsBeforeReport)
            logger.FileKeepsFailing(fileId, failed.Attempt, error);
        else
            logger.FileFailed(fileId, runId, error);
    }

    /// <summary>
    /// A file synced while eviction was off, or whose eviction a crash cut off: evicted now if its cloud copy is still
    /// there with the recorded size (it was verified when it was synced).
    /// </summary>
    private async Task<FileOutcome> EvictAfterEarlierSyncAsync(StoredFile file, Guid runId, CancellationToken ct)
    {
        if (!options.Value.DeleteLocalAfterSync || (await cloud.HeadAsync(file.CloudCopy!.ObjectKey, ct))?.Size != file.Size)
            return new FileOutcome(FileOutcomeKind.Skipped);
        await EvictLocalCopyAsync(file.Id, runId, ct);
        return new FileOutcome(FileOutcomeKind.Evicted);
    }

    private async Task EvictLocalCopyAsync(Guid fileId, Guid runId, CancellationToken ct)
    {
        var recorded = await LocalCopyEviction.RecordAsync(store, new EvictLocalCopy(fileId, runId), time, ct);
        // The event first, then the bytes: a crash in between leaves an unreferenced local object, never a lost file.
        if (recorded is { RemoveObject: true, Evicted: var evicted })
            await RemoveQuietlyAsync("local", evicted.Location.ObjectKey, local.RemoveAsync, ct);
    }

    /// <summary>The copy no event refers to (the file was deleted meanwhile) is removed; one an event refers to is kept.</summary>
    private async Task RemoveUnrecordedCopyAsync(Guid fileId, StorageLocation location, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var file = await session.Events.AggregateStreamAsync<StoredFile>(fileId, token: ct);
        if (file?.CloudCopy is not null)
            return;
        await RemoveQuietlyAsync("cloud", location.ObjectKey, cloud.RemoveAsync, ct);
        logger.DeletedDuringTransfer(fileId);
    }

    /// <summary>What is recorded is consistent either way; an object left behind is only wasted space.</summary>
    private async Task RemoveQuietlyAsync(string tier, string key, Func<string, CancellationToken, Task> remove, CancellationToken ct)
    {
        try
        {
            await remove(key, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.OrphanLeft(e, tier, key);
        }
    }
}
