namespace Catalog.Api.Audit;

/// <summary>Which audit entries to read; every condition given must hold.</summary>
public sealed class AuditFilter
{
    public Guid? OwnerId { get; set; }
    public Guid? ActorId { get; set; }
    public Guid? FileId { get; set; }
    /// <summary>Event kinds, e.g. FileUploaded, FileAccessed.</summary>
    public List<string>? Kinds { get; set; }
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset? To { get; set; }
}
