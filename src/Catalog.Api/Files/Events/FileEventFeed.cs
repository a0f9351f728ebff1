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

    public FileEventFeed(FileEventBroadcaster broadcaster)
    {
        this.broadcaster = broadcaster;
        Name = "FileEventFeed";
        Options.SubscribeFromPresent();
    }

    public override Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // The same views as a file's history, so a client reads live and past events with the same fragments.
        var events = page.Events.Select(FileEventViews.From).OfType<FileEventView>().ToList();
        return Task.FromResult<IChangeListener>(events.Count == 0 ? NullChangeListener.Instance : new PublishAfterCommit(broadcaster, events));
    }

    private sealed class PublishAfterCommit(FileEventBroadcaster broadcaster, IReadOnlyList<FileEventView> events) : IChangeListener
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
