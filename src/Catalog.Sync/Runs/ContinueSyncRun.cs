using System.Collections.Concurrent;
using Catalog.Domain.Sync;
using Catalog.Projections.SyncRuns;
using Catalog.Sync.Scheduling;
using Catalog.Sync.Transfer;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Catalog.Sync.Runs;

/// <summary>
/// Work on batch <paramref name="Batch"/> of a run. Each batch is one durable message that sends the next one in
/// the transaction recording its own result, so a crash resumes at the batch it interrupted.
/// </summary>
public sealed record ContinueSyncRun(Guid RunId, int Batch);

public sealed class ContinueSyncRunHandler(
    SyncLocks locks, FileSyncer syncer, TierProbe tiers, ISessionFactory sessions, IOptions<SyncOptions> options,
    TimeProvider time, ILogger<ContinueSyncRunHandler> logger)
{
    public static void Configure(HandlerChain chain)
    {
        // Each transfer has its own time-out (Sync:AttemptTimeout); the batch as a whole only needs a generous bound.
        chain.ExecutionTimeoutInSeconds = (int)SyncOptions.BatchTimeLimit.TotalSeconds;
        // Still busy after the wait: a copy of this very batch is being worked on. Once it is recorded this copy is
        // stale; if that worker dies instead, its own message is recovered. Either way nothing is lost.
        chain.OnException<SyncWorkBusyException>().RetryWithCooldown(Cooldowns(5, 30, 60)).Then.Discard();
        chain.OnAnyException().RetryWithCooldown(Cooldowns(5, 30, 120));
    }

    public async Task Handle(ContinueSyncRun message, IDocumentSession session, IMessageContext bus, CancellationToken ct)
    {
        await using var work = await locks.TakeWorkAsync(TimeSpan.FromSeconds(5), ct) ?? throw new SyncWorkBusyException();
        var stream = await session.Events.FetchForWriting<SyncRun>(message.RunId, ct);
        if (stream.Aggregate is not { IsFinished: false } run || run.CompletedBatches != message.Batch)
        {
            logger.BatchNotMine(message.RunId, message.Batch);
            return;
        }

        var settings = options.Value;
        var summary = await session.LoadAsync<SyncRunSummary>(run.Id, ct)
                      ?? throw new InvalidOperationException($"Sync run {run.Id} has no summary.");
        var (files, moreFollow) = await SyncCandidates.NextBatchAsync(
            sessions, summary.StartedAt, run.Cursor, settings.BatchSize, settings.DeleteLocalAfterSync, ct);

        var transfers = new ConcurrentBag<(Guid FileId, FileTransfer Transfer)>();
        var outage = new OutageWatch(settings.MaxParallelTransfers, tiers.WhyNotAnsweringAsync);
        await Parallel.ForEachAsync(files,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelTransfers, CancellationToken = ct },
            async (file, token) =>
            {
                if (!await outage.MayStartAsync(token))
                    return; // not tried: it waits for the next run
                FileTransfer transfer;
                try
                {
                    transfer = await syncer.TransferAsync(file, run.Id, token);
                }
                catch
                {
                    outage.Abandon();
                    throw;
                }
                await outage.RecordAsync(transfer, token);
                transfers.Add((file.Id, transfer));
            });
        // A crash before this point loses no file: the batch is handled again and copies what is still local only.
        // So does a lock lost meanwhile (ADR 0031): a worker sent this batch again may be moving the same files, or
        // may have recorded the batch already, and its records must be the only ones.
        if (!await work.KeepAsync(ct) || (await session.Events.FetchStreamStateAsync(run.Id, ct))?.Version != stream.CurrentVersion)
        {
            logger.BatchNotMine(message.RunId, message.Batch);
            return;
        }
        var copies = transfers.Where(t => t.Transfer.Copy is not null).ToList();
        var recorded = await syncer.RecordAsync(copies.Select(t => t.Transfer.Copy!).ToList(), ct);
        var ownOutcomes = transfers.Where(t => t.Transfer.Outcome is not null).Select(t => (t.FileId, Outcome: t.Transfer.Outcome!))
            .Concat(copies.Zip(recorded, (copy, outcome) => (copy.FileId, Outcome: outcome)))
            .ToList();
        var triedHere = ownOutcomes.Where(o => o.Outcome.WasTried).Select(o => o.FileId).ToHashSet();
        var earlier = await EarlierAttempts.OutcomesAsync(session, run.Id, stream.CurrentVersion ?? 0, triedHere, ct);
        var outcomes = ownOutcomes.Select(o => o.Outcome).Concat(earlier).ToList();

        // Cut short only when files are left: untried ones in this batch, or more after it.
        var filesLeft = transfers.Count < files.Count || moreFollow;
        var cutShort = filesLeft ? await outage.CutShortBecauseAsync(message.Batch, ct) : null;
        var isLast = !moreFollow || cutShort is not null;
        var result = new CompleteSyncBatch(run.Id, message.Batch,
            Tried: outcomes.Count(o => o.WasTried),
            Synced: outcomes.Count(o => o.Kind == FileOutcomeKind.Synced),
            Failed: outcomes.Count(o => o.Kind == FileOutcomeKind.Failed),
            DeletedMeanwhile: outcomes.Count(o => o.Kind == FileOutcomeKind.DeletedDuringTransfer),
            Bytes: outcomes.Sum(o => o.Bytes),
            LastFileId: files.Count > 0 ? files[^1].Id : null,
            IsLast: isLast,
            CutShortBecause: cutShort);
        var decision = SyncRunDecisions.CompleteBatch(run, result, time.GetUtcNow());
        if (decision.Error is { } error)
            throw new InvalidOperationException($"Batch {message.Batch} of sync run {run.Id} was refused: {error.Message}");

        stream.AppendMany(decision.Events);
        // When a run ends the schedule is checked, so a run never ends without a next one due.
        if (isLast)
            await bus.SendAsync(new EnsureSyncScheduled());
        else
            await bus.SendAsync(new ContinueSyncRun(run.Id, message.Batch + 1));
        // Saved while the work lock is still held, so no second worker can pick this batch up before it is recorded.
        await session.SaveChangesAsync(ct);

        logger.BatchDone(run.Id, message.Batch, result.Tried, result.Synced, result.Failed, result.DeletedMeanwhile, result.Bytes);
        if (outage.FailuresOfTheirOwn > 0)
            logger.OutageNotConfirmed(run.Id, message.Batch, outage.FailuresOfTheirOwn);
        if (cutShort is not null)
            logger.RunCutShort(run.Id, cutShort, outage.Finding ?? "");
        else if (isLast)
            logger.RunFinished(run.Id);
    }

    private static TimeSpan[] Cooldowns(params double[] seconds) => seconds.Select(TimeSpan.FromSeconds).ToArray();
}

/// <summary>Another worker holds the right to move files.</summary>
public sealed class SyncWorkBusyException() : Exception("Another worker is moving files right now.");
