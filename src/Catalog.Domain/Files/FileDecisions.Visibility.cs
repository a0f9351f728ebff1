namespace Catalog.Domain.Files;

public static partial class FileDecisions
{
    /// <summary>
    /// The file as a user may see it: another user's file is, to them, no file at all, so every decision answers
    /// exactly as it does for an unknown id and nobody can learn that someone else's id exists.
    /// </summary>
    public static StoredFile? VisibleTo(this StoredFile? file, Guid userId) =>
        file is not null && file.OwnerId == userId ? file : null;

    /// <summary>The refusal for a file that does not exist for the caller, worded as every decision words it.</summary>
    public static DomainError FileNotFound(Guid fileId) => NotFound(fileId).Error!;
}
