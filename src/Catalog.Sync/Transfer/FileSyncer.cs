using Catalog.Domain;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Locking;
using Catalog.Sync.Storage;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalog.Sync.Transfer;

/// <summary>
/// Moves files in two steps. <see cref="TransferAsync"/> reads one file's state (remembering the stream version),
/// copies and verifies its bytes. <see cref="RecordAsync"/> then appends <see cref="FileSyncedToCloud"/> for a batch's
/// verified copies in one commit, each only if its stream did not move meanwhile (ADR 0071). A file whose stream moved
/// is decided again on its new state: a delete that landed during the transfer wins and the fresh cloud copy is removed.
/// </summary>
public sealed class FileSyncer(
    IDocumentStore store, CloudCopier copier, CloudTier cloud, LocalTier local, IOptions<SyncOptions> options,
    TimeProvider time, ILogger<FileSyncer> logger)
{
    public async Task<FileTransfer> TransferAsync(FileListing candidate, Guid runId, CancellationToken ct)
    {
        StoredFile? state;
        long version;
        await using (var session = store.LightweightSession())
        {
            var stream = await session.Events.FetchForWriting<StoredFile>(candidate.Id, ct);
            (state, version) = (stream.Aggregate, stream.CurrentVersion ?? 0);
        }
        if (state is { IsDeleted: false, IsLocalCopyEvicted: false, CloudCopy: not null } synced)
            return FileTransfer.Done(await EvictAfterEarlierSyncAsync(synced, runId, ct));
        if (state is not { IsDeleted: false, CloudCopy: null } file)
            return FileTransfer.Done(new FileOutcome(FileOutcomeKind.Skipped));

        var copy = new FileToCopy(file.Id, file.OwnerId, file.LocalCopy.ObjectKey, file.Size, file.Sha256, candidate.ContentType);
        var (location, verifiedSha256, error, outage) = await CopyWithRetriesAsync(copy, ct);
        if (error is not null)
        {
            await RecordFailureAsync(file.Id, runId, error, ct);
            return FileTransfer.Done(new FileOutcome(FileOutcomeKind.Failed, Outage: outage));
        }
        return FileTransfer.Copied(new VerifiedCopy(file, version, new SyncFileToCloud(file.Id, location!, verifiedSha256!, file.Size, runId)));
    }

    /// <summary>
    /// Records verified copies: in one commit those whose streams did not move since they were read; each of the others
    /// on its own, decided again on its stream's new state (and all on their own should the commit still lose a race).
    /// Then evicts the local copies when the settings say so.
    /// </summary>
    public async Task<IReadOnlyList<FileOutcome>> RecordAsync(IReadOnlyList<VerifiedCopy> copies, CancellationToken ct)
    {
        // A download appends FileAccessed to its file's stream, so a batch copied for seconds often holds a stream that
        // moved. Appended with the version it was read at, it would fail the whole commit, and a failed commit leaves the
        // sequence numbers it took as a gap that holds back every live subscriber for the daemon's gap timeout (3 s).
        var moved = await StreamVersions.MovedSinceAsync(store, copies.Select(c => (c.File.Id, c.Version)), ct);
        var unmoved = copies.Where(c => !moved.Contains(c.File.Id)).ToList();
        var together = await TryRecordTogetherAsync(unmoved, ct);
        var outcomes = new List<(VerifiedCopy Copy, FileOutcome Outcome)>();
        foreach (var copy in copies)
            outcomes.Add((copy, together && !moved.Contains(copy.File.Id)
                ? new FileOutcome(FileOutcomeKind.Synced, copy.File.Size)
                : await RecordOneAsync(copy, ct)));

        if (options.Value.DeleteLocalAfterSync)
            await Parallel.ForEachAsync(outcomes.Where(o => o.Outcome.Kind == FileOutcomeKind.Synced),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelTransfers, CancellationToken = ct },
                async (synced, token) => await EvictLocalCopyAsync(synced.Copy.File.Id, synced.Copy.Command.RunId, token));
        return outcomes.Select(o => o.Outcome).ToList();
    }

    /// <summary>True when every copy was recorded in one commit; false (nothing recorded) when a stream moved or a decision differs.</summary>
    private async Task<bool> TryRecordTogetherAsync(IReadOnlyList<VerifiedCopy> copies, CancellationToken ct)
    {
        if (copies.Count == 0)
            return true;
        await using var session = store.LightweightSession();
        var now = time.GetUtcNow();
        foreach (var copy in copies)
        {
            var decision = FileDecisions.SyncToCloud(copy.File, copy.Command, now);
            if (decision.IsRefused || decision.Events.Count == 0)
                return false;
            // The version the stream must reach with this append: it fails if anything else was appended since the read.
            session.Events.Append(copy.File.Id, copy.Version + decision.Events.Count, decision.Events);
        }
        try
        {
            await session.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (StreamRaces.Lost(e))
        {
            logger.RecordedOneByOne(copies.Count);
            return false;
        }
    }

    private async Task<FileOutcome> RecordOneAsync(VerifiedCopy copy, CancellationToken ct)
    {
        var saved = await FileStreamWrites.AppendAsync(store, copy.File.Id,
            state => FileDecisions.SyncToCloud(state, copy.Command, time.GetUtcNow()), ct);
        if (saved.Error?.Kind == ErrorKind.NotFound)
        {
            await RemoveUnrecordedCopyAsync(copy.File.Id, copy.Command.Location, ct);
            return new FileOutcome(FileOutcomeKind.DeletedDuringTransfer);
        }
        if (saved.Error is { } refused)
        {
            await RecordFailureAsync(copy.File.Id, copy.Command.RunId, refused.Message, ct);
            return new FileOutcome(FileOutcomeKind.Failed);
        }
        return saved.Events.Count == 0
            ? new FileOutcome(FileOutcomeKind.Skipped)
            : new FileOutcome(FileOutcomeKind.Synced, copy.File.Size);
    }

    private async Task<(StorageLocation? Location, string? Sha256, string? Error, bool Outage)> CopyWithRetriesAsync(FileToCopy file, CancellationToken ct)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.AttemptTimeout);
            try
            {
                var (location, sha256) = await copier.CopyAsync(file, timeout.Token);
                return (location, sha256, null, false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var error = TransientFailures.Describe(e);
                var transient = TransientFailures.IsTransient(e);
                // A tier that refuses the service (its bucket missing, its credentials refused) fails every file: an
                // outage to the run, which stops after a few files instead of recording a failure on every one.
                if (!transient || attempt >= settings.AttemptsPerFile)
                    return (null, null, error, transient || StorageFailures.IsRefused(e));
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
    /// there with the recorded size (it was verified when it was synced). A cloud tier that cannot say so keeps the
    /// local copy for a later run; it must not fail the batch the other files are in.
    /// </summary>
    private async Task<FileOutcome> EvictAfterEarlierSyncAsync(StoredFile file, Guid runId, CancellationToken ct)
    {
        if (!options.Value.DeleteLocalAfterSync)
            return new FileOutcome(FileOutcomeKind.Skipped);
        long? cloudSize;
        try
        {
            cloudSize = (await cloud.HeadAsync(file.CloudCopy!.ObjectKey, ct))?.Size;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            if (logger.IsEnabled(LogLevel.Information))
                logger.EvictionUnconfirmed(file.Id, TransientFailures.Describe(e));
            return new FileOutcome(FileOutcomeKind.Skipped);
        }
        if (cloudSize != file.Size)
            return new FileOutcome(FileOutcomeKind.Skipped);
        return new FileOutcome(await EvictLocalCopyAsync(file.Id, runId, ct) ? FileOutcomeKind.Evicted : FileOutcomeKind.Skipped);
    }

    /// <summary>False when nothing was evicted: already done, or a download URL of the local copy still works.</summary>
    private async Task<bool> EvictLocalCopyAsync(Guid fileId, Guid runId, CancellationToken ct)
    {
        var recorded = await LocalCopyEviction.RecordAsync(store, new EvictLocalCopy(fileId, runId), time, ct);
        // The event first, then the bytes: a crash in between leaves an unreferenced local object, never a lost file.
        if (recorded is { RemoveObject: true, Evicted: var evicted })
            await RemoveQuietlyAsync("local", evicted.Location.ObjectKey, local.RemoveAsync, ct);
        return recorded is not null;
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
