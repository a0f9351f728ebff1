using Catalog.Domain.Files;
using JasperFx.Events;

namespace Catalog.Projections.FileListing;

public sealed partial class FileListingProjection
{
    public static FileListing Apply(IEvent<LocalCopyEvicted> e, FileListing current) => current with
    {
        Tier = StorageTier.Cloud,
        Version = e.Version,
    };

    public static FileListing Apply(IEvent<FileSyncFailed> e, FileListing current) => current with
    {
        FailedSyncRuns = e.Data.Attempt,
        LastSyncError = e.Data.Error,
        LastSyncFailedAt = e.Timestamp,
        Version = e.Version,
    };
}
