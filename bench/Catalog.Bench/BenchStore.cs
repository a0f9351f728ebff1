using Catalog.Projections;
using JasperFx;
using Marten;

namespace Catalog.Bench;

/// <summary>A Marten store configured exactly as the service's (CatalogStore.ConfigureCatalog), on the bench database.</summary>
public static class BenchStore
{
    public static DocumentStore Create(BenchSettings s) => DocumentStore.For(options =>
    {
        options.Connection(s.Postgres);
        options.ConfigureCatalog();
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
    });
}
