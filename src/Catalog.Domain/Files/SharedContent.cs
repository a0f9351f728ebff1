using System.Collections.Immutable;

namespace Catalog.Domain.Files;

/// <summary>
/// One owner's local objects holding bytes with one SHA-256: which file points at which object, and the object a new
/// file with these bytes may point at (<see cref="Location"/>, null when there is none left).
/// </summary>
public sealed record SharedContent(
    Guid Id, Guid OwnerId, string Sha256, StorageLocation? Location, ImmutableDictionary<Guid, StorageLocation> References)
{
    public static SharedContent Create(ContentReferenced e) =>
        new(e.ContentId, e.OwnerId, e.Sha256, e.Location, ImmutableDictionary<Guid, StorageLocation>.Empty.SetItem(e.FileId, e.Location));

    public SharedContent Apply(ContentReferenced e) =>
        this with { Location = e.Location, References = References.SetItem(e.FileId, e.Location) };

    public SharedContent Apply(ContentReleased e) => this with
    {
        Location = e.ObjectRemoved && Location == e.Location ? null : Location,
        References = References.Remove(e.FileId),
    };

    /// <summary>Whether a file other than <paramref name="fileId"/> points at <paramref name="location"/>.</summary>
    public bool IsReferencedByOthers(StorageLocation location, Guid fileId) =>
        References.Any(r => r.Key != fileId && r.Value == location);
}
