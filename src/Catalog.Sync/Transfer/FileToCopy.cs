namespace Catalog.Sync.Transfer;

/// <summary>What the copier needs to know about one file: where it is, what it must be, how to label it.</summary>
public sealed record FileToCopy(Guid FileId, Guid OwnerId, string LocalKey, long Size, string Sha256, string ContentType);
