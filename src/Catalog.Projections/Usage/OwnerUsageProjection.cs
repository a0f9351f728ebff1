using Catalog.Domain.Files;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Catalog.Projections.Usage;

/// <summary>
/// Keeps <see cref="OwnerUsage"/> inline: <see cref="FileUploaded"/> adds a file and its size, <see cref="FilePurged"/>
/// takes them away, each as an increment of the owner's row in the appending transaction (ADR 0076).
/// </summary>
public sealed class OwnerUsageProjection : IProjection
{
    public const string Name = nameof(OwnerUsage);

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var changes = new SortedDictionary<Guid, (long Bytes, long Files)>();
        foreach (var e in events)
        {
            var (owner, change) = e.Data switch
            {
                FileUploaded uploaded => (uploaded.OwnerId, (uploaded.Size, 1L)),
                FilePurged purged => (purged.OwnerId, (-purged.Size, -1L)),
                _ => (Guid.Empty, (0L, 0L)),
            };
            if (owner == Guid.Empty)
                continue;
            var sum = changes.GetValueOrDefault(owner);
            changes[owner] = (sum.Bytes + change.Item1, sum.Files + change.Item2);
        }

        // In owner order: a rebuild's page touches many owners' rows, and two transactions that lock rows in one
        // order cannot deadlock.
        foreach (var (owner, change) in changes)
            operations.QueueSqlCommand(OwnerUsageTable.Increment, owner, change.Bytes, change.Files);
        return Task.CompletedTask;
    }
}
