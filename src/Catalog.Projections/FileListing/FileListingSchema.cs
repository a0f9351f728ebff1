using Marten;
using Marten.Schema;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Catalog.Projections.FileListing;

internal static class FileListingSchema
{
    /// <summary>Real columns (not JSON paths) for the owner filter and every listing sort key.</summary>
    public static void ConfigureFileListing(this StoreOptions options)
    {
        options.Projections.Add<FileListingProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline,
            rebuild => rebuild.BatchSize = CatalogStore.RebuildPageSize);

        options.AddListingIndexes();
    }

    /// <summary>
    /// One (owner, deleted, key, id) index per sort key, which a keyset page reads as a range in either direction
    /// (ADR 0014); the name and size indexes also carry the tier, so counting a filtered listing and summing an owner's
    /// bytes per tier read an index only (ADR 0123). A trigram index answers rare <c>nameContains</c> fragments without
    /// walking an owner's files. No index is partial on <c>deleted</c>: Marten binds <c>deleted = false</c> as a
    /// parameter, which a generic plan cannot match to a predicate. The recycle bin's <c>deleted_at is not null</c> is
    /// different: any comparison of that column implies it.
    /// </summary>
    private static void AddListingIndexes(this StoreOptions options)
    {
        options.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
        options.ForDocument<FileListing>(mapping =>
        {
            DuplicateWithoutIndex(mapping);
            mapping.DuplicateField(nameof(FileListing.DeletedAt));
            AddListingIndexes(mapping.Indexes);
        });
    }

    /// <summary>
    /// Columns without an index of their own (<c>Duplicate</c> would add one): the owner leads every listing index, the
    /// sync's search leads with the tier, and booleans are never selective enough to be read through one. Each unread
    /// index cost every upload and every rebuilt row an index insert (ADR 0063, 0120).
    /// </summary>
    private static void DuplicateWithoutIndex(DocumentMapping mapping)
    {
        foreach (var member in new[] { nameof(FileListing.OwnerId), nameof(FileListing.Name), nameof(FileListing.Size),
                     nameof(FileListing.Deleted), nameof(FileListing.Tier), nameof(FileListing.Purged), nameof(FileListing.UploadedAt) })
            mapping.DuplicateField(member, notNull: true);
    }

    private static void AddListingIndexes(IList<IndexDefinition> indexes)
    {
        foreach (var key in new[] { "uploaded_at", "name", "size" })
        {
            indexes.Add(new IndexDefinition($"mt_doc_filelisting_idx_listing_{key}")
            {
                Columns = ["owner_id", "deleted", key, "id"],
                IncludeColumns = key == "uploaded_at" ? [] : ["tier"],
            });
        }
        // The nightly sync's candidates across owners, in id order: the few files of one tier among many of another
        // are one range, however many files were synced before them (ADR 0120).
        indexes.Add(new IndexDefinition("mt_doc_filelisting_idx_sync") { Columns = ["tier", "deleted", "id"] });
        // An owner's recycle bin, newest deletion first: only deleted files have a deletion time (ADR 0122).
        indexes.Add(new IndexDefinition("mt_doc_filelisting_idx_deleted")
        {
            Columns = ["owner_id", "deleted_at", "id"],
            Predicate = "deleted_at is not null",
        });
        indexes.Add(new IndexDefinition("mt_doc_filelisting_idx_listing_name_trgm")
        {
            Columns = ["name"],
            Method = IndexMethod.gin,
            Mask = "? gin_trgm_ops",
        });
    }
}
