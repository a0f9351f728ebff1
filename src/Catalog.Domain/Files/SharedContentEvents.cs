namespace Catalog.Domain.Files;

// One stream per owner and SHA-256 (ContentIds.For): the files of that owner that point at one local object with
// those bytes. It is the reference count that decides when the object may be removed (ADR 0018).

/// <summary>File <paramref name="FileId"/> now points at the object at <paramref name="Location"/>.</summary>
public sealed record ContentReferenced(Guid ContentId, Guid OwnerId, string Sha256, Guid FileId, StorageLocation Location);

/// <summary>
/// File <paramref name="FileId"/> no longer needs the local object (purged, or its local copy evicted);
/// <paramref name="ObjectRemoved"/> when it was the last reference, so the object goes too.
/// </summary>
public sealed record ContentReleased(Guid ContentId, Guid OwnerId, Guid FileId, StorageLocation Location, bool ObjectRemoved);
