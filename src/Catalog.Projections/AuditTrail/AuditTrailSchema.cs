using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace Catalog.Projections.AuditTrail;

internal static class AuditTrailSchema
{
    public static void ConfigureAuditTrail(this StoreOptions options)
    {
        options.Projections.Add(new AuditTrailProjection(), ProjectionLifecycle.Inline, AuditTrailProjection.Name,
            rebuild => rebuild.BatchSize = CatalogStore.RebuildPageSize);

        var trail = options.Schema.For<AuditEntry>();
        trail.Duplicate(x => x.Sequence, notNull: true);
        options.ForDocument<AuditEntry>(mapping =>
        {
            mapping.DuplicateField(nameof(AuditEntry.Timestamp), notNull: true);
            mapping.DuplicateField(nameof(AuditEntry.FileId), notNull: true);
            mapping.DuplicateField(nameof(AuditEntry.OwnerId), notNull: true);
            mapping.DuplicateField(nameof(AuditEntry.ActorId));
            mapping.DuplicateField(nameof(AuditEntry.Kind), notNull: true);
            AddKeysetIndexes(mapping.Indexes);
        });
    }

    /// <summary>
    /// The trail is read oldest first, a page after a sequence, filtered by file, owner, actor or kind. An index that
    /// leads with the filter and ends with the sequence gives that page as one range, in order; an index on the filter
    /// alone made Postgres either sort all of an owner's entries or walk the whole trail in sequence order to find
    /// them (ADR 0080).
    /// </summary>
    private static void AddKeysetIndexes(IList<IndexDefinition> indexes)
    {
        foreach (var (name, column) in new[] { ("file", "file_id"), ("owner", "owner_id"), ("actor", "actor_id"), ("kind", "kind") })
            indexes.Add(new IndexDefinition($"mt_doc_auditentry_idx_trail_{name}") { Columns = [column, "sequence"] });
        // A time range's entries, and the lowest sequence among them read from the index alone (ADR 0121).
        indexes.Add(new IndexDefinition("mt_doc_auditentry_idx_trail_time") { Columns = ["timestamp", "sequence"] });
    }
}
