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
    // Auditors watch every owner's events, with their filter in the subscriber. A set of their own, not an owner key
    // such as Guid.Empty: a token may name any id, the empty one too (an external issuer's subject).
    private readonly ConcurrentDictionary<Subscriber, byte> everyOwner = new();
    // Joining and leaving take turns, so an owner's emptied set can go without taking a subscriber joining it along.
    // Delivery does not take it.
    private readonly Lock membership = new();

    public IObservable<FileEventView> EventsOf(Guid ownerId) => new OwnerStream(this, ownerId, null);

    /// <summary>Every owner's events that pass <paramref name="filter"/>: for auditors only.</summary>
    public IObservable<FileEventView> AllEvents(Func<FileEventView, bool> filter) => new OwnerStream(this, null, filter);

    /// <summary>The owners with a subscriber in this process, and one more while an auditor subscribes.</summary>
    internal int OwnersWatched => byOwner.Count + (everyOwner.IsEmpty ? 0 : 1);

    public void Publish(FileEventView fileEvent)
    {
        if (byOwner.TryGetValue(fileEvent.OwnerId, out var owners))
            Deliver(owners, fileEvent);
        Deliver(everyOwner, fileEvent);
    }

    private void Deliver(ConcurrentDictionary<Subscriber, byte> subscribers, FileEventView fileEvent)
    {
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
        if (subscriber.OwnerId is not { } owner)
        {
            everyOwner.TryAdd(subscriber, 0);
            return;
        }
        lock (membership)
            byOwner.GetOrAdd(owner, _ => new()).TryAdd(subscriber, 0);
    }

    private void Remove(Subscriber subscriber)
    {
        if (subscriber.OwnerId is not { } owner)
        {
            everyOwner.TryRemove(subscriber, out _);
            return;
        }
        lock (membership)
        {
            if (byOwner.TryGetValue(owner, out var subscribers) && subscribers.TryRemove(subscriber, out _) && subscribers.IsEmpty)
                byOwner.TryRemove(owner, out _);
        }
    }

    /// <param name="OwnerId">Whose events it receives; null for an auditor's, which receives everyone's.</param>
    private sealed record Subscriber(Guid? OwnerId, IObserver<FileEventView> Observer, Func<FileEventView, bool>? Filter);

    private sealed class OwnerStream(FileEventBroadcaster broadcaster, Guid? ownerId, Func<FileEventView, bool>? filter)
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
