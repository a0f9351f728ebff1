using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.Projections.Rebuilds;
using JasperFx.Events;

namespace Catalog.Projections.AuditTrail;

/// <summary>Turns a stored event into its audit entry from the event and its metadata alone.</summary>
public static class AuditEntries
{
    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    /// <summary>Every <see cref="AuditEntry.Kind"/> there is: the name of each file event.</summary>
    public static IReadOnlySet<string> Kinds { get; } =
        TableRebuild.FileEventTypes.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    public static AuditEntry? From(IEvent e)
    {
        if (e.Data is not IFileEvent fileEvent)
            return null;

        var (actor, tier, ip, userAgent) = e.Data switch
        {
            FileUploaded u => (u.UploadedBy, StorageTier.Local, null, null),
            FileAccessed a => (a.AccessedBy, a.Tier, a.ClientIp, a.UserAgent),
            FileSyncedToCloud => ((Guid?)null, StorageTier.LocalAndCloud, (string?)null, (string?)null),
            FileDeleted d => (d.DeletedBy, (StorageTier?)null, null, null),
            LocalCopyEvicted => ((Guid?)null, StorageTier.Cloud, (string?)null, (string?)null),
            FileRestored r => (r.RestoredBy, (StorageTier?)null, null, null),
            _ => ((Guid?)null, (StorageTier?)null, (string?)null, (string?)null),
        };

        return new AuditEntry
        {
            Id = e.Id,
            Sequence = e.Sequence,
            Version = e.Version,
            FileId = fileEvent.FileId,
            OwnerId = fileEvent.OwnerId,
            ActorId = actor,
            Kind = e.Data.GetType().Name,
            Timestamp = e.Timestamp,
            Tier = tier,
            ClientIp = ip,
            UserAgent = userAgent,
            Data = JsonSerializer.Serialize(e.Data, e.Data.GetType(), DataJson),
        };
    }
}
