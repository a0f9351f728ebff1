using Catalog.Domain.Files;
using JasperFx.Events;

namespace Catalog.Projections.FileListing;

public sealed partial class FileListingProjection
{
    public static FileListing Apply(IEvent<FileRestored> e, FileListing current) => current with
    {
        Deleted = false,
        DeletedAt = null,
        Version = e.Version,
    };

    public static FileListing Apply(IEvent<FilePurged> e, FileListing current) => current with
    {
        Purged = true,
        PurgedAt = e.Timestamp,
        Version = e.Version,
    };
}
