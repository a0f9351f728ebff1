using System.Collections.Concurrent;

using Catalog.Api.Audit;

namespace Catalog.Api.Files.Events;

/// <summary>
/// Hands committed file events to the live subscribers of this process, each event to its owner's subscribers only.
/// Delivery never blocks the feed: a subscriber buffers (and gives up on) what it cannot send right away.
/// </summary>
public sealed class FileEventBroadcaster(ILogger<FileEventBroadcaster> logger)
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscriber, byte>> byOwner = new();

    public IObservable<FileEventView> EventsOf(Guid ownerId) => new OwnerStream(this, ownerId);

    public int SubscriberCount => byOwner.Values.Sum(s => s.Count);

    public void Publish(FileEventView fileEvent)
    {
        if (!byOwner.TryGetValue(fileEvent.OwnerId, out var subscribers))
            return;
        foreach (var subscriber in subscribers.Keys)
        {
            try
            {
                subscriber.Observer.OnNext(fileEvent);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A file event subscriber failed; it is dropped");
                Remove(subscriber);
            }
        }
    }

    private void Remove(Subscriber subscriber)
    {
        if (byOwner.TryGetValue(subscriber.OwnerId, out var subscribers))
            subscribers.TryRemove(subscriber, out _);
    }

    private sealed record Subscriber(Guid OwnerId, IObserver<FileEventView> Observer);

    private sealed class OwnerStream(FileEventBroadcaster broadcaster, Guid ownerId) : IObservable<FileEventView>
    {
        public IDisposable Subscribe(IObserver<FileEventView> observer)
        {
            var subscriber = new Subscriber(ownerId, observer);
            broadcaster.byOwner.GetOrAdd(ownerId, _ => new()).TryAdd(subscriber, 0);
            return new Unsubscriber(broadcaster, subscriber);
        }
    }

    private sealed class Unsubscriber(FileEventBroadcaster broadcaster, Subscriber subscriber) : IDisposable
    {
        public void Dispose() => broadcaster.Remove(subscriber);
    }
}
