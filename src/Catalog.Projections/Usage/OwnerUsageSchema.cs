using JasperFx.Events.Projections;
using Marten;

namespace Catalog.Projections.Usage;

internal static class OwnerUsageSchema
{
    public static void ConfigureOwnerUsage(this StoreOptions options)
    {
        options.Storage.ExtendedSchemaObjects.Add(OwnerUsageTable.Definition());
        options.Projections.Add(new OwnerUsageProjection(), ProjectionLifecycle.Inline, OwnerUsageProjection.Name, rebuild =>
        {
            rebuild.BatchSize = CatalogStore.RebuildPageSize;
            // The rows are sums: a rebuild must start them from nothing, or it would add every event a second time.
            rebuild.DeleteDataInTableOnTeardown(OwnerUsageTable.Name.QualifiedName);
        });
    }
}
