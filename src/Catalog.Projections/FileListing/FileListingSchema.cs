using Marten;

namespace Catalog.Projections.FileListing;

internal static class FileListingSchema
{
    /// <summary>Real columns (not JSON paths) for the owner filter and every listing sort key.</summary>
    public static void ConfigureFileListing(this StoreOptions options)
    {
        options.Projections.Add<FileListingProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);

        var listing = options.Schema.For<FileListing>();
        listing.Duplicate(x => x.OwnerId, notNull: true);
        listing.Duplicate(x => x.UploadedAt, notNull: true);
        listing.Duplicate(x => x.Name, notNull: true);
        listing.Duplicate(x => x.Size, notNull: true);
        listing.Duplicate(x => x.Deleted, notNull: true);
        listing.Duplicate(x => x.Purged, notNull: true);
        listing.Duplicate(x => x.DeletedAt);
        listing.Duplicate(x => x.Tier, notNull: true);
    }
}
