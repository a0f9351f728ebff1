using Catalog.Api.Audit;
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
    private readonly SyncProgressBroadcaster syncProgress;

    public FileEventFeed(FileEventBroadcaster broadcaster, SyncProgressBroadcaster syncProgress)
    {
        this.broadcaster = broadcaster;
        this.syncProgress = syncProgress;
        Name = "FileEventFeed";
        Options.SubscribeFromPresent();
    }

    public override Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // The same views as a file's history, so a client reads live and past events with the same fragments.
        var events = page.Events.Select(FileEventViews.From).OfType<FileEventView>().ToList();
        var progress = page.Events.Select(e => SyncProgressEvents.From(e.Data)).OfType<SyncProgress>().ToList();
        return Task.FromResult<IChangeListener>(events.Count == 0 && progress.Count == 0
            ? NullChangeListener.Instance
            : new PublishAfterCommit(this, events, progress));
    }

    private sealed class PublishAfterCommit(FileEventFeed feed, IReadOnlyList<FileEventView> events, IReadOnlyList<SyncProgress> progress)
        : IChangeListener
    {
        public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
        {
            foreach (var fileEvent in events)
                feed.broadcaster.Publish(fileEvent);
            foreach (var step in progress)
                feed.syncProgress.Publish(step);
            return Task.CompletedTask;
        }

        public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
    }
}
