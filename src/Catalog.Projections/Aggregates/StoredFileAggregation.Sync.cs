using Catalog.Domain.Files;

namespace Catalog.Projections.Aggregates;

public sealed partial class StoredFileAggregation
{
    public static StoredFile Apply(LocalCopyEvicted e, StoredFile file) => file.Apply(e);

    public static StoredFile Apply(FileSyncFailed e, StoredFile file) => file.Apply(e);
}
