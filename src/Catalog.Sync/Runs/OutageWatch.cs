using Catalog.Sync.Transfer;

namespace Catalog.Sync.Runs;

/// <summary>
/// Watches one batch's transfers for an outage (ADR 0090): when the first <see cref="Threshold"/> files of the batch
/// to finish all failed because a storage tier was unavailable (or refused the service), and a probe finds a tier that
/// does not answer, no further file of the batch is started. Files already on their way finish; one of them getting
/// through does not undo it, so a batch never starts a file after it stopped starting them, and a run that is not cut
/// short tries every file. While every file finished so far failed that way and others are still on their way, the
/// question is open, and no file starts until they answer it: a transfer that failed fast would otherwise start the
/// next file before the slower ones declared the outage. When both tiers answer the probe, those failures were the
/// files' own (objects the store cannot serve), and the batch goes on as after any failure of a file's own.
/// </summary>
internal sealed class OutageWatch(int maxParallelTransfers, Func<CancellationToken, Task<string?>> whyTiersNotAnswering)
{
    private const int AtLeast = 3;
    private readonly object gate = new();
    private int outages;
    private bool otherThanOutage;
    private bool probing;
    private int onTheirWay;
    private TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Threshold { get; } = Math.Max(AtLeast, maxParallelTransfers);

    /// <summary>True from the moment the batch is known to be lost to an outage; it stays true.</summary>
    public bool Declared { get; private set; }

    /// <summary>What the probe found when it confirmed an outage: which tier does not answer, and how.</summary>
    public string? Finding { get; private set; }

    /// <summary>How many outage-like failures both tiers' answers to the probe showed to be the files' own; 0 if none.</summary>
    public int FailuresOfTheirOwn { get; private set; }

    /// <summary>
    /// Why the run should stop after this batch, read once its transfers are done: files stopped being started, or
    /// every file it tried, however few, failed because a storage tier was unavailable and the probe confirms it. Null
    /// when neither holds.
    /// </summary>
    public async Task<string?> CutShortBecauseAsync(int batch, CancellationToken ct)
    {
        bool ask;
        lock (gate)
        {
            if (Declared)
                return Reason($"The first {Threshold} files of batch {batch} to finish failed");
            ask = outages > 0 && !otherThanOutage;
        }
        if (!ask || !await ConfirmAsync(ct))
            return null;
        return Reason($"Every file of batch {batch} ({outages}) failed");
    }

    private static string Reason(string what) =>
        $"{what} because a storage tier was unavailable or refused the service; the files not tried wait for the next run.";

    /// <summary>
    /// Whether the next file may start, waiting while the question is open (above); true counts it as on its way, and
    /// it must then end in <see cref="RecordAsync"/> or <see cref="Abandon"/>.
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

    public async Task RecordAsync(FileTransfer transfer, CancellationToken ct)
    {
        try
        {
            bool probe;
            lock (gate)
            {
                if (transfer.Outcome is { Kind: FileOutcomeKind.Failed, Outage: true })
                    outages++;
                else if (transfer.Copy is not null || transfer.Outcome is { WasTried: true })
                    otherThanOutage = true;
                probe = !otherThanOutage && !Declared && !probing && outages >= Threshold;
                probing |= probe;
            }
            // Asked while this file is still on its way, so the question stays open and no file starts meanwhile.
            if (probe && await ConfirmAsync(ct))
                lock (gate)
                    Declared = !otherThanOutage;
        }
        finally
        {
            Finish();
        }
    }

    /// <summary>A started file whose transfer threw (the run was cancelled): it answers nothing, but is no longer on its way.</summary>
    public void Abandon() => Finish();

    /// <summary>Whether a tier does not answer; when both do, the outage-like failures so far are counted as the files' own.</summary>
    private async Task<bool> ConfirmAsync(CancellationToken ct)
    {
        var finding = await whyTiersNotAnswering(ct);
        lock (gate)
        {
            probing = false;
            if (finding is not null)
            {
                Finding = finding;
                return true;
            }
            FailuresOfTheirOwn = outages;
            otherThanOutage = true;
            return false;
        }
    }

    private void Finish()
    {
        TaskCompletionSource answered;
        lock (gate)
        {
            onTheirWay--;
            answered = finished;
            finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        answered.TrySetResult();
    }
}
