using Catalog.Domain.Files;
using Microsoft.Extensions.Logging;

namespace Catalog.Sync.Storage;

/// <summary>
/// Removes an object that nothing recorded needs any more, without failing the work around it: what is recorded is
/// consistent either way, and an object left behind is only wasted space, said once in the log.
/// </summary>
internal static class QuietRemoval
{
    public static async Task RunAsync(
        string tier, StorageLocation location, Func<StorageLocation, CancellationToken, Task> remove, ILogger logger, CancellationToken ct)
    {
        try
        {
            await remove(location, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.OrphanLeft(e, tier, $"{location.Bucket}/{location.ObjectKey}");
        }
    }
}
