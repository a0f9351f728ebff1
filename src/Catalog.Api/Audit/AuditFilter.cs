using System.ComponentModel;
using Catalog.Api.Errors;
using Catalog.Projections.AuditTrail;

namespace Catalog.Api.Audit;

/// <summary>Which audit entries to read; every condition given must hold.</summary>
public sealed class AuditFilter
{
    public Guid? OwnerId { get; set; }
    public Guid? ActorId { get; set; }
    public Guid? FileId { get; set; }
    /// <summary>Event kinds, e.g. FileUploaded, FileAccessed.</summary>
    public List<string>? Kinds { get; set; }
    [Description("Entries recorded at or after this instant.")]
    public DateTimeOffset? From { get; set; }

    [Description("Entries recorded before this instant: the range is half-open, so consecutive ranges neither overlap nor leave a gap.")]
    public DateTimeOffset? To { get; set; }

    public AuditFilter WithKind(string kind) =>
        new() { OwnerId = OwnerId, ActorId = ActorId, FileId = FileId, Kinds = [kind], From = From, To = To };

    /// <summary>
    /// A kind that no event has would match nothing, and an auditor would read a typo as "no such events"; an empty
    /// list reads as "none of them" to some and "any" to others, so it is refused as well. So is a <c>from</c> after
    /// <c>to</c>: swapped bounds, which read as "nothing happened".
    /// </summary>
    public AuditFilter ThrowIfRefused()
    {
        if (From is { } from && To is { } to && from > to)
            throw new CatalogProblem(ErrorCode.BadUserInput,
                $"'from' ({from:O}) is after 'to' ({to:O}): the range holds no moment. Did you swap them?");
        if (Kinds is { Count: 0 })
            throw new CatalogProblem(ErrorCode.BadUserInput, "'kinds' must name at least one event kind; leave it out to read every kind.");
        if (Kinds?.FirstOrDefault(kind => !AuditEntries.Kinds.Contains(kind)) is { } unknown)
            throw new CatalogProblem(ErrorCode.BadUserInput,
                $"'{Echo.Of(unknown)}' is not an event kind. Kinds: {string.Join(", ", AuditEntries.Kinds.Order(StringComparer.Ordinal))}.");
        return this;
    }
}
