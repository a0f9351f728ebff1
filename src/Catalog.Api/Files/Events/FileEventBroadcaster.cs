using System.Collections.Concurrent;

using Catalog.Api.Audit;

namespace Catalog.Api.Files.Events;

/// <summary>
/// Hands committed file events to the live subscribers of this process, each event to its owner's subscribers only.
/// Delivery never blocks the feed: a subscriber buffers (and gives up on) what it cannot send right away.
/// </summary>
public sealed class FileEventBroadcaster(ILogger<FileEventBroadcaster> logger)
{
    // Auditors watch every owner's events; they are filed under this key, with their filter in the subscriber.
    private static readonly Guid EveryOwner = Guid.Empty;

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscriber, byte>> byOwner = new();
    // Joining and leaving take turns, so an owner's emptied set can go without taking a subscriber joining it along.
    // Delivery does not take it.
    private readonly Lock membership = new();

    public IObservable<FileEventView> EventsOf(Guid ownerId) => new OwnerStream(this, ownerId, null);

    /// <summary>Every owner's events that pass <paramref name="filter"/>: for auditors only.</summary>
    public IObservable<FileEventView> AllEvents(Func<FileEventView, bool> filter) => new OwnerStream(this, EveryOwner, filter);

    /// <summary>The owners (auditors' key included) with a subscriber in this process.</summary>
    internal int OwnersWatched => byOwner.Count;

    public void Publish(FileEventView fileEvent)
    {
        Deliver(fileEvent.OwnerId, fileEvent);
        Deliver(EveryOwner, fileEvent);
    }

    private void Deliver(Guid key, FileEventView fileEvent)
    {
        if (!byOwner.TryGetValue(key, out var subscribers))
            return;
        foreach (var subscriber in subscribers.Keys)
        {
            if (subscriber.Filter is { } filter && !filter(fileEvent))
                continue;
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

    private void Add(Subscriber subscriber)
    {
        lock (membership)
            byOwner.GetOrAdd(subscriber.OwnerId, _ => new()).TryAdd(subscriber, 0);
    }

    private void Remove(Subscriber subscriber)
    {
        lock (membership)
        {
            if (byOwner.TryGetValue(subscriber.OwnerId, out var subscribers) && subscribers.TryRemove(subscriber, out _) && subscribers.IsEmpty)
                byOwner.TryRemove(subscriber.OwnerId, out _);
        }
    }

    private sealed record Subscriber(Guid OwnerId, IObserver<FileEventView> Observer, Func<FileEventView, bool>? Filter);

    private sealed class OwnerStream(FileEventBroadcaster broadcaster, Guid ownerId, Func<FileEventView, bool>? filter)
        : IObservable<FileEventView>
    {
        public IDisposable Subscribe(IObserver<FileEventView> observer)
        {
            var subscriber = new Subscriber(ownerId, observer, filter);
            broadcaster.Add(subscriber);
            return new Unsubscriber(broadcaster, subscriber);
        }
    }

    private sealed class Unsubscriber(FileEventBroadcaster broadcaster, Subscriber subscriber) : IDisposable
    {
        public void Dispose() => broadcaster.Remove(subscriber);
    }
}
