using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
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
public sealed partial class FileSyncer(
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

        var copy = new FileToCopy(file.Id, file.OwnerId, file.LocalCopy, file.Size, file.Sha256, candidate.ContentType);
        var (location, verifiedSha256, error, outage) = await CopyWithRetriesAsync(copy, ct);
        if (error is not null)
        {
            await RecordFailureAsync(file.Id, runId, error, ct);
            return FileTransfer.Done(new FileOutcome(FileOutcomeKind.Failed, Outage: outage));
        }
        return FileTransfer.Copied(new VerifiedCopy(file, version, new SyncFileToCloud(file.Id, location!, verifiedSha256!, file.Size, runId)));
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
}
