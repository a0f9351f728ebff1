using JasperFx.Events.Projections;
using Marten;

namespace Catalog.Projections.Usage;

internal static class OwnerUsageSchema
{
    public static void ConfigureOwnerUsage(this StoreOptions options) =>
        options.Projections.Add<OwnerUsageProjection>(ProjectionLifecycle.Inline,
            rebuild => rebuild.BatchSize = CatalogStore.RebuildPageSize);
}
