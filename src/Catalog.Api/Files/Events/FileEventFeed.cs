using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Services;
using Marten.Subscriptions;

namespace Catalog.Api.Files.Events;

/// <summary>
/// A Marten subscription run by the async daemon: it sees file events only once they are committed, and hands them
/// to the <see cref="FileEventBroadcaster"/> after the daemon has recorded its progress. It starts from the present:
/// a live feed has no one to replay history to.
/// </summary>
public sealed class FileEventFeed : SubscriptionBase
{
    private readonly FileEventBroadcaster broadcaster;

    public FileEventFeed(FileEventBroadcaster broadcaster)
    {
        this.broadcaster = broadcaster;
        Name = "FileEventFeed";
        Options.SubscribeFromPresent();
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var fileEvents = page.Events.Where(IsFileEvent).ToList();
        if (fileEvents.Count == 0)
            return NullChangeListener.Instance;

        var ids = fileEvents.Select(e => e.StreamId).Distinct().ToArray();
        var listings = (await operations.LoadManyAsync<FileListing>(cancellationToken, ids)).ToDictionary(l => l.Id);
        var owners = await OwnersOfUnlistedAsync(operations, ids.Where(id => !listings.ContainsKey(id)).ToList(), cancellationToken);

        var outgoing = new List<FileEvent>(fileEvents.Count);
        foreach (var e in fileEvents)
        {
            listings.TryGetValue(e.StreamId, out var listing);
            var owner = listing?.OwnerId ?? (owners.TryGetValue(e.StreamId, out var o) ? o : (Guid?)null);
            if (owner is { } ownerId)
                outgoing.Add(new FileEvent(e.StreamId, FileEventKind.Of(e.EventType), e.Timestamp, e.Sequence, listing) { OwnerId = ownerId });
        }
        return new PublishAfterCommit(broadcaster, outgoing);
    }

    private static bool IsFileEvent(IEvent e) => e.EventType.Namespace == typeof(FileUploaded).Namespace;

    /// <summary>A file whose listing row is gone (purged, say) is still its owner's: the first event of its stream says whose.</summary>
    private static async Task<Dictionary<Guid, Guid>> OwnersOfUnlistedAsync(
        IDocumentOperations operations, IReadOnlyCollection<Guid> fileIds, CancellationToken ct)
    {
        if (fileIds.Count == 0)
            return [];
        var uploads = await operations.Events.QueryRawEventDataOnly<FileUploaded>()
            .Where(u => fileIds.Contains(u.FileId))
            .ToListAsync(ct);
        return uploads.ToDictionary(u => u.FileId, u => u.OwnerId);
    }

    private sealed class PublishAfterCommit(FileEventBroadcaster broadcaster, IReadOnlyList<FileEvent> events) : IChangeListener
    {
        public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            foreach (var fileEvent in events)
                broadcaster.Publish(fileEvent);
            return Task.CompletedTask;
        }

        public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
    }
}
