using Catalog.Domain.Files;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace Catalog.Projections.Files;

/// <summary>
/// How Marten folds a file's stream into <see cref="StoredFile"/> for <c>FetchForWriting</c>: live, nothing stored.
/// Marten 9 dispatches Create/Apply methods only through code its source generator writes into the assembly that
/// declares them, and the pure domain references no Marten package; declared here, they are generated here (ADR 0020).
/// Each one hands over to the domain's own fold.
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

internal static class StoredFileSchema
{
    public static void ConfigureStoredFiles(this StoreOptions options) =>
        options.Projections.Add(new StoredFileAggregation(), ProjectionLifecycle.Live);
}
