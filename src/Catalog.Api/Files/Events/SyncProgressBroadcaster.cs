using System.Collections.Concurrent;
using Catalog.Domain.Sync;

namespace Catalog.Api.Files.Events;

/// <summary>
/// A sync run's progress, batch by batch, as its events are committed; the last message has <c>Finished</c>, no batch,
/// and why the run stopped early if it did.
/// </summary>
public sealed record SyncProgress(
    Guid RunId, int? Batch, int Tried, int Synced, int Failed, long Bytes, bool Finished, DateTimeOffset At, string? CutShortBecause = null,
    int DeletedMeanwhile = 0);

public static class SyncProgressEvents
{
    public static SyncProgress? From(object data) => data switch
    {
        SyncBatchCompleted b => new SyncProgress(b.RunId, b.Batch, b.Tried, b.Synced, b.Failed, b.Bytes, false, b.CompletedAt, DeletedMeanwhile: b.DeletedMeanwhile),
        SyncRunFinished f => new SyncProgress(f.RunId, null, 0, 0, 0, 0, true, f.FinishedAt, f.CutShortBecause),
        _ => null,
    };
}

/// <summary>Hands committed sync progress to this process's admin subscribers; like the file events, never blocking.</summary>
public sealed class SyncProgressBroadcaster(ILogger<SyncProgressBroadcaster> logger) : IObservable<SyncProgress>
{
    private readonly ConcurrentDictionary<IObserver<SyncProgress>, byte> observers = new();

    public IDisposable Subscribe(IObserver<SyncProgress> observer)
    {
        observers.TryAdd(observer, 0);
        return new Unsubscriber(this, observer);
    }

    public void Publish(SyncProgress progress)
    {
        foreach (var observer in observers.Keys)
        {
            try
            {
                observer.OnNext(progress);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A sync progress subscriber failed; it is dropped");
                observers.TryRemove(observer, out _);
            }
        }
    }

    private sealed class Unsubscriber(SyncProgressBroadcaster broadcaster, IObserver<SyncProgress> observer) : IDisposable
    {
        public void Dispose() => broadcaster.observers.TryRemove(observer, out _);
    }
}
