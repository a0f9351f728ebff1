using System.Globalization;
using Catalog.Domain.Files;
using Catalog.Sync.Storage;
using Microsoft.Extensions.Logging;

namespace Catalog.Sync.Transfer;

// Evicting local copies once the cloud tier holds them; removing an object nothing refers to.
public sealed partial class FileSyncer
{
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
            cloudSize = (await cloud.HeadAsync(file.CloudCopy!, ct))?.Size;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            if (logger.IsEnabled(LogLevel.Information))
                logger.EvictionUnconfirmed(file.Id, TransientFailures.Describe(e));
            return new FileOutcome(FileOutcomeKind.Skipped);
        }
        if (cloudSize != file.Size)
        {
            // The local copy is the file's only good one now, whatever its record says: nobody else would notice.
            logger.CloudCopyNotAsRecorded(file.Id, $"{file.CloudCopy!.Bucket}/{file.CloudCopy.ObjectKey}",
                cloudSize?.ToString(CultureInfo.InvariantCulture) ?? "no object", file.Size);
            return new FileOutcome(FileOutcomeKind.Skipped);
        }
        return new FileOutcome(await EvictLocalCopyAsync(file.Id, runId, ct) ? FileOutcomeKind.Evicted : FileOutcomeKind.Skipped);
    }

    /// <summary>False when nothing was evicted: already done, or a download URL of the local copy still works.</summary>
    private async Task<bool> EvictLocalCopyAsync(Guid fileId, Guid runId, CancellationToken ct)
    {
        var recorded = await LocalCopyEviction.RecordAsync(store, new EvictLocalCopy(fileId, runId), time, ct);
        // The event first, then the bytes: a crash in between leaves an unreferenced local object, never a lost file.
        if (recorded is { RemoveObject: true, Evicted: var evicted })
            await QuietRemoval.RunAsync("local", evicted.Location, local.RemoveAsync, logger, ct);
        return recorded is not null;
    }
}
