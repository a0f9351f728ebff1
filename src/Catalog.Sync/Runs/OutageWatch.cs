using Catalog.Sync.Transfer;

namespace Catalog.Sync.Runs;

/// <summary>
/// Watches one batch's transfers for an outage (ADR 0090): once <see cref="Threshold"/> files have failed because a
/// storage tier was unavailable, and none got through or failed for a reason of its own, no further file of the batch
/// is started. Files already on their way finish.
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
