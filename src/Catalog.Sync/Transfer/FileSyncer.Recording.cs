using Catalog.Domain;
using Catalog.Domain.Files;
using Catalog.Sync.Locking;
using Catalog.Sync.Storage;
using Marten;

namespace Catalog.Sync.Transfer;

// Recording a batch's verified copies (ADR 0071), and removing a copy that a delete made unwanted.
public sealed partial class FileSyncer
{
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

    /// <summary>The copy no event refers to (the file was deleted meanwhile) is removed; one an event refers to is kept.</summary>
    private async Task RemoveUnrecordedCopyAsync(Guid fileId, StorageLocation location, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var file = await session.Events.AggregateStreamAsync<StoredFile>(fileId, token: ct);
        if (file?.CloudCopy is not null)
            return;
        await QuietRemoval.RunAsync("cloud", location, cloud.RemoveAsync, logger, ct);
        logger.DeletedDuringTransfer(fileId);
    }
}
