using System.ComponentModel;
using Catalog.Domain.Files;
using JasperFx.Events;

namespace Catalog.Api.Audit;

/// <summary>A file's event as GraphQL shows it: what every event has, then each kind's own fields.</summary>
public abstract record FileEventView(
    Guid EventId, long Sequence, long Version, Guid FileId, Guid OwnerId, Guid? ActorId, string Kind, DateTimeOffset At);

public sealed record FileUploadedView(
    Guid EventId, long Sequence, long Version, Guid FileId, Guid OwnerId, Guid? ActorId, string Kind, DateTimeOffset At,
    string OriginalName, string ContentType, long Size, string Sha256)
    : FileEventView(EventId, Sequence, Version, FileId, OwnerId, ActorId, Kind, At);

public sealed record FileAccessedView(
    Guid EventId, long Sequence, long Version, Guid FileId, Guid OwnerId, Guid? ActorId, string Kind, DateTimeOffset At,
    AccessMethod Method, StorageTier Tier, string? ClientIp, string? UserAgent)
    : FileEventView(EventId, Sequence, Version, FileId, OwnerId, ActorId, Kind, At);

public sealed record FileSyncedToCloudView(
    Guid EventId, long Sequence, long Version, Guid FileId, Guid OwnerId, Guid? ActorId, string Kind, DateTimeOffset At,
    string VerifiedSha256, long Size, Guid RunId)
    : FileEventView(EventId, Sequence, Version, FileId, OwnerId, ActorId, Kind, At);

public sealed record FileDeletedView(
    Guid EventId, long Sequence, long Version, Guid FileId, Guid OwnerId, Guid? ActorId, string Kind, DateTimeOffset At,
    string? Reason)
    : FileEventView(EventId, Sequence, Version, FileId, OwnerId, ActorId, Kind, At);

public sealed record FileRestoredView(
    Guid EventId, long Sequence, long Version, Guid FileId, Guid OwnerId, Guid? ActorId, string Kind, DateTimeOffset At)
    : FileEventView(EventId, Sequence, Version, FileId, OwnerId, ActorId, Kind, At);

public sealed record FilePurgedView(
    Guid EventId, long Sequence, long Version, Guid FileId, Guid OwnerId, Guid? ActorId, string Kind, DateTimeOffset At,
    DateTimeOffset DeletedAt,
    [property: Description("The tiers the file's bytes were removed from. A local object that another of the owner's files with the same content still uses is kept for that file.")]
    IReadOnlyList<StorageTier> RemovedFrom)
    : FileEventView(EventId, Sequence, Version, FileId, OwnerId, ActorId, Kind, At);

public sealed record LocalCopyEvictedView(
    Guid EventId, long Sequence, long Version, Guid FileId, Guid OwnerId, Guid? ActorId, string Kind, DateTimeOffset At,
    Guid RunId)
    : FileEventView(EventId, Sequence, Version, FileId, OwnerId, ActorId, Kind, At);

public sealed record FileSyncFailedView(
    Guid EventId, long Sequence, long Version, Guid FileId, Guid OwnerId, Guid? ActorId, string Kind, DateTimeOffset At,
    Guid RunId, int Attempt, string Error)
    : FileEventView(EventId, Sequence, Version, FileId, OwnerId, ActorId, Kind, At);

/// <summary>An event kind without a typed view yet: shown with its fields as JSON rather than hidden.</summary>
public sealed record OtherFileEventView(
    Guid EventId, long Sequence, long Version, Guid FileId, Guid OwnerId, Guid? ActorId, string Kind, DateTimeOffset At,
    string Data)
    : FileEventView(EventId, Sequence, Version, FileId, OwnerId, ActorId, Kind, At);

public static class FileEventViews
{
    public static FileEventView? From(IEvent e)
    {
        if (e.Data is not IFileEvent file)
            return null;
        var kind = e.Data.GetType().Name;
        return e.Data switch
        {
            FileUploaded u => new FileUploadedView(e.Id, e.Sequence, e.Version, file.FileId, file.OwnerId, u.UploadedBy, kind,
                e.Timestamp, u.OriginalName, u.ContentType, u.Size, u.Sha256),
            FileAccessed a => new FileAccessedView(e.Id, e.Sequence, e.Version, file.FileId, file.OwnerId, a.AccessedBy, kind,
                e.Timestamp, a.Method, a.Tier, a.ClientIp, a.UserAgent),
            FileSyncedToCloud s => new FileSyncedToCloudView(e.Id, e.Sequence, e.Version, file.FileId, file.OwnerId, null, kind,
                e.Timestamp, s.VerifiedSha256, s.Size, s.RunId),
            FileDeleted d => new FileDeletedView(e.Id, e.Sequence, e.Version, file.FileId, file.OwnerId, d.DeletedBy, kind,
                e.Timestamp, d.Reason),
            FileRestored r => new FileRestoredView(e.Id, e.Sequence, e.Version, file.FileId, file.OwnerId, r.RestoredBy, kind,
                e.Timestamp),
            FilePurged p => new FilePurgedView(e.Id, e.Sequence, e.Version, file.FileId, file.OwnerId, null, kind,
                e.Timestamp, p.DeletedAt, RemovedFrom(p)),
            LocalCopyEvicted l => new LocalCopyEvictedView(e.Id, e.Sequence, e.Version, file.FileId, file.OwnerId, null, kind,
                e.Timestamp, l.RunId),
            FileSyncFailed f => new FileSyncFailedView(e.Id, e.Sequence, e.Version, file.FileId, file.OwnerId, null, kind,
                e.Timestamp, f.RunId, f.Attempt, f.Error),
            _ => new OtherFileEventView(e.Id, e.Sequence, e.Version, file.FileId, file.OwnerId, null, kind, e.Timestamp,
                System.Text.Json.JsonSerializer.Serialize(e.Data, e.Data.GetType())),
        };
    }

    // Where the bytes were stays inside the service (as on File); which tiers they left is the auditor's business.
    private static List<StorageTier> RemovedFrom(FilePurged purged) =>
        new[] { (purged.LocalCopy, StorageTier.Local), (purged.CloudCopy, StorageTier.Cloud) }
            .Where(c => c.Item1 is not null).Select(c => c.Item2).ToList();
}
