using Catalog.Domain.Files;
using Catalog.Sync.Transfer;
using Marten;
using Marten.Events;

namespace Catalog.Sync.Runs;

/// <summary>
/// What an earlier attempt of a batch recorded that this attempt no longer sees. A batch's copies are recorded before
/// the batch itself (ADR 0071); when the batch's own commit then fails, the message is handled again, and the files
/// synced the first time are no longer candidates. Their records are counted here, so the run's totals hold every file
/// it moved or gave up on.
/// </summary>
public static class EarlierAttempts
{
    /// <param name="runVersion">The run stream's version as this attempt read it: its last event is the last batch recorded.</param>
    /// <param name="triedHere">The files this attempt tried: their outcomes are its own.</param>
    public static async Task<IReadOnlyList<FileOutcome>> OutcomesAsync(
        IDocumentSession session, Guid runId, long runVersion, IReadOnlySet<Guid> triedHere, CancellationToken ct)
    {
        var fromLast = await session.Events.FetchStreamAsync(runId, fromVersion: runVersion, token: ct);
        if (fromLast.Count == 0)
            return [];
        var lastRecorded = fromLast[^1];
        // Records of this run after the last batch it recorded: this batch's, from any attempt. One worker moves files.
        var since = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > lastRecorded.Sequence)
            .Where(e => e.EventTypesAre(typeof(FileSyncedToCloud), typeof(FileSyncFailed)))
            .ToListAsync(ct);
        // A file tried by several earlier attempts counts once, as the last of them left it.
        var latest = new Dictionary<Guid, FileOutcome>();
        foreach (var record in since.OrderBy(e => e.Sequence))
        {
            var (fileId, outcome) = record.Data switch
            {
                FileSyncedToCloud synced when synced.RunId == runId => (synced.FileId, new FileOutcome(FileOutcomeKind.Synced, synced.Size)),
                FileSyncFailed failed when failed.RunId == runId => (failed.FileId, new FileOutcome(FileOutcomeKind.Failed)),
                _ => (Guid.Empty, null),
            };
            if (outcome is not null && !triedHere.Contains(fileId))
                latest[fileId] = outcome;
        }
        return latest.Values.ToList();
    }
}
