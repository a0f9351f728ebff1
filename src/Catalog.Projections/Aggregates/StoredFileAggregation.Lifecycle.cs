using Catalog.Domain.Files;

namespace Catalog.Projections.Aggregates;

public sealed partial class StoredFileAggregation
{
    public static StoredFile Apply(FileRestored e, StoredFile file) => file.Apply(e);

    public static StoredFile Apply(FilePurged e, StoredFile file) => file.Apply(e);
}
