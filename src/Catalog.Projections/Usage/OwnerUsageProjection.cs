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
        // In owner order: a rebuild's page touches many owners' rows, and two transactions that lock rows in one
        // order cannot deadlock.
        foreach (var (owner, change) in Sum(events.Select(e => e.Data)))
            operations.QueueSqlCommand(OwnerUsageTable.Increment, owner, change.Bytes, change.Files);
        return Task.CompletedTask;
    }

    /// <summary>What the events change, per owner, in owner order.</summary>
    public static SortedDictionary<Guid, (long Bytes, long Files)> Sum(IEnumerable<object> events)
    {
        var changes = new SortedDictionary<Guid, (long Bytes, long Files)>();
        foreach (var data in events)
            Add(changes, data);
        return changes;
    }

    /// <summary>Adds what one event changes to <paramref name="changes"/>; other events change nothing.</summary>
    public static void Add(SortedDictionary<Guid, (long Bytes, long Files)> changes, object data)
    {
        var (owner, bytes, files) = data switch
        {
            FileUploaded uploaded => (uploaded.OwnerId, uploaded.Size, 1L),
            FilePurged purged => (purged.OwnerId, -purged.Size, -1L),
            _ => (Guid.Empty, 0L, 0L),
        };
        if (owner == Guid.Empty)
            return;
        var sum = changes.GetValueOrDefault(owner);
        changes[owner] = (sum.Bytes + bytes, sum.Files + files);
    }

    /// <summary>The event types this projection reads.</summary>
    public static readonly Type[] EventTypes = [typeof(FileUploaded), typeof(FilePurged)];
}
