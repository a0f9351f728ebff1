using Catalog.Domain.Files;
using Marten.Events.Aggregation;

namespace Catalog.Projections.Aggregates;

/// <summary>
/// Lets Marten fold a file's stream into <see cref="StoredFile"/> (FetchForWriting, AggregateStream). Marten 9
/// dispatches through a source generator that only runs where Marten is referenced, and the domain must not
/// reference it, so the fold is spelled out here and delegates to the state record.
/// </summary>
public sealed partial class StoredFileAggregation : SingleStreamProjection<StoredFile, Guid>
{
    public static StoredFile Create(FileUploaded e) => StoredFile.Create(e);

    public static StoredFile Apply(FileAccessed e, StoredFile file) => file.Apply(e);

    public static StoredFile Apply(FileSyncedToCloud e, StoredFile file) => file.Apply(e);

    public static StoredFile Apply(FileDeleted e, StoredFile file) => file.Apply(e);
}
