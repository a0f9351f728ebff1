namespace Catalog.Domain.Files;

/// <summary>What releasing a file's reference means for the local object.</summary>
/// <param name="RemoveObject">No other file points at the object: remove it.</param>
public sealed record ContentRelease(Decision Decision, bool RemoveObject);

/// <summary>Identical content of one owner is stored once; an object goes when its last file lets go (ADR 0018).</summary>
public static class SharedContentDecisions
{
    /// <summary>
    /// Points a new file at the owner's existing object with these bytes when <paramref name="existingIsThere"/> (the
    /// caller checked, under the content's lock, that the object still exists), else at <paramref name="ownObject"/>,
    /// where the caller stored or will store the bytes.
    /// </summary>
    public static Decision Reference(
        SharedContent? content, Guid ownerId, string sha256, Guid fileId, StorageLocation ownObject, bool existingIsThere)
    {
        if (content?.References.ContainsKey(fileId) == true)
            return Decision.Nothing;
        var location = existingIsThere && content?.Location is { } existing ? existing : ownObject;
        return Decision.Append(new ContentReferenced(ContentIds.For(ownerId, sha256), ownerId, sha256, fileId, location));
    }

    /// <summary>
    /// The file no longer needs its local copy at <paramref name="location"/>; the object goes unless another file
    /// points at it. A file the content does not know (stored before sharing existed) owns its object alone.
    /// </summary>
    public static ContentRelease Release(SharedContent? content, Guid fileId, StorageLocation location)
    {
        var removeObject = content?.IsReferencedByOthers(location, fileId) != true;
        if (content is null || !content.References.ContainsKey(fileId))
            return new ContentRelease(Decision.Nothing, removeObject);
        return new ContentRelease(
            Decision.Append(new ContentReleased(content.Id, content.OwnerId, fileId, location, removeObject)), removeObject);
    }
}
