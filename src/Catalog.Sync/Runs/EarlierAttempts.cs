using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
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
internal static class EarlierAttempts
{
    /// <param name="runVersion">The run stream's version as this attempt read it: its last event is the last batch recorded.</param>
    /// <param name="seen">This attempt's files, which count as its own outcomes.</param>
    public static async Task<IReadOnlyList<FileOutcome>> OutcomesAsync(
        IDocumentSession session, Guid runId, long runVersion, IReadOnlyCollection<FileListing> seen, CancellationToken ct)
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
        var seenIds = seen.Select(f => f.Id).ToHashSet();
        return since.Select(e => e.Data switch
            {
                FileSyncedToCloud synced when synced.RunId == runId && !seenIds.Contains(synced.FileId) =>
                    new FileOutcome(FileOutcomeKind.Synced, synced.Size),
                FileSyncFailed failed when failed.RunId == runId && !seenIds.Contains(failed.FileId) =>
                    new FileOutcome(FileOutcomeKind.Failed),
                _ => null,
            })
            .OfType<FileOutcome>()
            .ToList();
    }
}
