namespace Catalog.Domain.Files;

public sealed record EvictLocalCopy(Guid FileId, Guid RunId);

public sealed record RecordSyncFailure(Guid FileId, Guid RunId, string Error);
