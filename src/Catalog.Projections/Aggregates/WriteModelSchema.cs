using JasperFx.Events.Projections;
using Marten;

namespace Catalog.Projections.Aggregates;

internal static class WriteModelSchema
{
    /// <summary>Folded on demand from the events, never stored.</summary>
    public static void ConfigureWriteModels(this StoreOptions options)
    {
        options.Projections.Add<StoredFileAggregation>(ProjectionLifecycle.Live);
        options.Projections.Add<SyncRunAggregation>(ProjectionLifecycle.Live);
        options.Projections.Add<DirectUploadAggregation>(ProjectionLifecycle.Live);
        options.Projections.Add<SharedContentAggregation>(ProjectionLifecycle.Live);
    }
}
