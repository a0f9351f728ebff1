using Catalog.Sync.Transfer;

namespace Catalog.Sync.Runs;

/// <summary>
/// Watches one batch's transfers for an outage (ADR 0090): when the first <see cref="Threshold"/> files of the batch
/// to finish all failed because a storage tier was unavailable (or refused the service), no further file of the batch
/// is started. Files already on their way finish; one of them getting through does not undo it, so a batch never starts
/// a file after it stopped starting them, and a run that is not cut short tries every file. While every file finished
/// so far failed that way and others are still on their way, the question is open, and no file starts until they answer
/// it: a transfer that failed fast would otherwise start the next file before the slower ones declared the outage.
/// </summary>
internal sealed class OutageWatch(int maxParallelTransfers)
{
    private const int AtLeast = 3;
    private readonly object gate = new();
    private int outages;
    private bool otherThanOutage;
    private int onTheirWay;
    private TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Threshold { get; } = Math.Max(AtLeast, maxParallelTransfers);

    /// <summary>True from the moment the batch is known to be lost to an outage; it stays true.</summary>
    public bool Declared { get; private set; }

    /// <summary>
    /// Why the run should stop after this batch, read once its transfers are done: files stopped being started, or
    /// every file it tried, however few, failed because a storage tier was unavailable. Null when neither holds.
    /// </summary>
    public string? CutShortBecause(int batch)
    {
        lock (gate)
        {
            var reason = Declared ? $"The first {Threshold} files of batch {batch} to finish failed"
                : outages > 0 && !otherThanOutage ? $"Every file of batch {batch} ({outages}) failed"
                : null;
            return reason is null ? null : $"{reason} because a storage tier was unavailable or refused the service; the files not tried wait for the next run.";
        }
    }

    /// <summary>
    /// Whether the next file may start, waiting while the question is open (above); true counts it as on its way, and
    /// it must then end in <see cref="Record"/> or <see cref="Abandon"/>.
    /// </summary>
    public async Task<bool> MayStartAsync(CancellationToken ct)
    {
        while (true)
        {
            Task answer;
            lock (gate)
            {
                if (Declared)
                    return false;
                if (otherThanOutage || outages == 0 || onTheirWay == 0)
                {
                    onTheirWay++;
                    return true;
                }
                answer = finished.Task;
            }
            await answer.WaitAsync(ct);
        }
    }

    public void Record(FileTransfer transfer) => Finish(() =>
    {
        if (transfer.Outcome is { Kind: FileOutcomeKind.Failed, Outage: true })
            outages++;
        else if (transfer.Copy is not null || transfer.Outcome is { WasTried: true })
            otherThanOutage = true;
        Declared |= !otherThanOutage && outages >= Threshold;
    });

    /// <summary>A started file whose transfer threw (the run was cancelled): it answers nothing, but is no longer on its way.</summary>
    public void Abandon() => Finish(() => { });

    private void Finish(Action count)
    {
        TaskCompletionSource answered;
        lock (gate)
        {
            count();
            onTheirWay--;
            answered = finished;
            finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        answered.TrySetResult();
    }
}
