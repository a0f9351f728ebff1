using Catalog.Domain.Files;

namespace Catalog.Projections.AuditTrail;

/// <summary>One event of one file, as auditors read it: who did what to which file, when, from where.</summary>
public sealed record AuditEntry
{
    /// <summary>The event's own id.</summary>
    public required Guid Id { get; init; }
    /// <summary>Position in the whole event store: a total order and a stable cursor.</summary>
    public required long Sequence { get; init; }
    /// <summary>Position in the file's own stream.</summary>
    public required long Version { get; init; }
    public required Guid FileId { get; init; }
    public required Guid OwnerId { get; init; }
    /// <summary>Who caused the event; null for the service itself (the nightly sync, a purge).</summary>
    public Guid? ActorId { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset Timestamp { get; init; }
    public StorageTier? Tier { get; init; }
    public string? ClientIp { get; init; }
    public string? UserAgent { get; init; }
    /// <summary>The event's own fields as JSON, exactly as appended.</summary>
    public required string Data { get; init; }
}
