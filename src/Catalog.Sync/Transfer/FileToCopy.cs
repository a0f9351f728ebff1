using Catalog.Domain.Files;

namespace Catalog.Sync.Transfer;

/// <summary>
/// What the copier needs to know about one file: where its event says it is (bucket included, ADR 0023), what it must be,
/// how to label it.
/// </summary>
public sealed record FileToCopy(Guid FileId, Guid OwnerId, StorageLocation LocalCopy, long Size, string Sha256, string ContentType);
