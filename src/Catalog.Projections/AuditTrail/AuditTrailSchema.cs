using JasperFx.Events.Projections;
using Marten;

namespace Catalog.Projections.AuditTrail;

internal static class AuditTrailSchema
{
    public static void ConfigureAuditTrail(this StoreOptions options)
    {
        options.Projections.Add(new AuditTrailProjection(), ProjectionLifecycle.Inline, AuditTrailProjection.Name,
            rebuild => rebuild.BatchSize = CatalogStore.RebuildPageSize);

        var trail = options.Schema.For<AuditEntry>();
        trail.Duplicate(x => x.Sequence, notNull: true);
        trail.Duplicate(x => x.FileId, notNull: true);
        trail.Duplicate(x => x.OwnerId, notNull: true);
        trail.Duplicate(x => x.ActorId!);
        trail.Duplicate(x => x.Kind, notNull: true);
        trail.Duplicate(x => x.Timestamp, notNull: true);
    }
}
