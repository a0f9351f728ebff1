using Catalog.Domain.Files;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace Catalog.Projections.WriteModel;

/// <summary>
/// Folds a file's stream into <see cref="StoredFile"/> for <c>FetchForWriting</c>. The domain stays free of Marten, so
/// Marten's source generator cannot see <see cref="StoredFile"/>'s own Create/Apply; this live aggregation forwards to them.
/// </summary>
public sealed partial class StoredFileAggregation : SingleStreamProjection<StoredFile, Guid>
{
    public static StoredFile Create(FileUploaded e) => StoredFile.Create(e);

    public static StoredFile Apply(FileAccessed e, StoredFile file) => file.Apply(e);

    public static StoredFile Apply(FileSyncedToCloud e, StoredFile file) => file.Apply(e);

    public static StoredFile Apply(FileDeleted e, StoredFile file) => file.Apply(e);

    public static StoredFile Apply(FileRestored e, StoredFile file) => file.Apply(e);

    public static StoredFile Apply(FilePurged e, StoredFile file) => file.Apply(e);
}

internal static class StoredFileAggregationSchema
{
    public static void ConfigureWriteModel(this StoreOptions options) =>
        options.Projections.Add(new StoredFileAggregation(), ProjectionLifecycle.Live);
}
