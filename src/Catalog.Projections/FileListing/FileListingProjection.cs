using Catalog.Domain.Files;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Catalog.Projections.FileListing;

/// <summary>
/// Builds <see cref="FileListing"/> inline, in the transaction that appends the events.
/// Times come from the events' own metadata so a rebuild gives identical rows.
/// </summary>
public sealed partial class FileListingProjection : SingleStreamProjection<FileListing, Guid>
{
    /// <summary>
    /// The row a committed upload's new stream was given: the same function over the same appended event, so the caller
    /// answers with what was stored without reading it back.
    /// </summary>
    public static FileListing OfUpload(StreamAction started) => Create(started.Events.OfType<IEvent<FileUploaded>>().Single());

    public static FileListing Create(IEvent<FileUploaded> e) => new()
    {
        Id = e.Data.FileId,
        OwnerId = e.Data.OwnerId,
        Name = e.Data.OriginalName,
        Size = e.Data.Size,
        ContentType = e.Data.ContentType,
        Sha256 = e.Data.Sha256,
        Tier = StorageTier.Local,
        UploadedAt = e.Timestamp,
        LocalCopy = e.Data.Location,
        Version = e.Version,
    };

    public static FileListing Apply(IEvent<FileAccessed> e, FileListing current) => current with
    {
        LastAccessedAt = e.Timestamp,
        AccessCount = current.AccessCount + 1,
        Version = e.Version,
    };

    public static FileListing Apply(IEvent<FileSyncedToCloud> e, FileListing current) => current with
    {
        Tier = StorageTier.LocalAndCloud,
        SyncedAt = e.Timestamp,
        CloudCopy = e.Data.Location,
        Version = e.Version,
    };

    public static FileListing Apply(IEvent<FileDeleted> e, FileListing current) => current with
    {
        Deleted = true,
        DeletedAt = e.Timestamp,
        Version = e.Version,
    };
}
