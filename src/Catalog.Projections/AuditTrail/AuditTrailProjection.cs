using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Catalog.Projections.AuditTrail;

/// <summary>
/// One <see cref="AuditEntry"/> per file event, keyed by the event's id: replaying the events stores the same
/// documents again, so a rebuild reproduces the trail exactly.
/// </summary>
public sealed class AuditTrailProjection : IProjection
{
    public const string Name = "AuditTrail";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            if (AuditEntries.From(e) is { } entry)
                operations.Store(entry);
        }
        return Task.CompletedTask;
    }
}
