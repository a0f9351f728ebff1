using Catalog.Sync.Transfer;

namespace Catalog.Sync.Runs;

/// <summary>
/// Watches one batch's transfers for an outage (ADR 0090): when the first <see cref="Threshold"/> files of the batch
/// to finish all failed because a storage tier was unavailable, no further file of the batch is started. Files already
/// on their way finish; one of them getting through does not undo it, so a batch never starts a file after it stopped
/// starting them, and a run that is not cut short tries every file.
/// </summary>
internal sealed class OutageWatch(int maxParallelTransfers)
{
    private const int AtLeast = 3;
    private readonly object gate = new();
    private int outages;
    private bool otherThanOutage;

    public int Threshold { get; } = Math.Max(AtLeast, maxParallelTransfers);

    /// <summary>True from the moment the batch is known to be lost to an outage; it stays true.</summary>
    public bool Declared { get; private set; }

    public void Record(FileTransfer transfer)
    {
        lock (gate)
        {
            if (transfer.Outcome is { Kind: FileOutcomeKind.Failed, Outage: true })
                outages++;
            else if (transfer.Copy is not null || transfer.Outcome is { WasTried: true })
                otherThanOutage = true;
            Declared |= !otherThanOutage && outages >= Threshold;
        }
    }
}
