using System.Collections.Concurrent;
using System.ComponentModel;
using Catalog.Domain.Sync;

namespace Catalog.Api.Files.Events;

public enum SyncProgressKind
{
    /// <summary>The run has begun: no batch, no counts yet.</summary>
    Started,
    /// <summary>One batch is recorded: its number and its counts.</summary>
    Batch,
    /// <summary>The run is over: no batch, and why it stopped early if it did.</summary>
    Finished,
}

/// <summary>
/// A sync run's progress as its events are committed: its start, each batch, its end (<see cref="Kind"/>).
/// </summary>
public sealed record SyncProgress(
    Guid RunId,
    [property: Description("The batch's number; null on the run's start and on its end (tell them apart by kind).")] int? Batch,
    int Tried, int Synced, int Failed, long Bytes,
    [property: Description("True on the run's last message.")] bool Finished,
    DateTimeOffset At, string? CutShortBecause = null, int DeletedMeanwhile = 0)
{
    [Description("What this message tells: the run's start, one batch, or its end.")]
    public SyncProgressKind Kind => Finished ? SyncProgressKind.Finished : Batch is null ? SyncProgressKind.Started : SyncProgressKind.Batch;
}

public static class SyncProgressEvents
{
    public static SyncProgress? From(object data) => data switch
    {
        SyncRunStarted s => new SyncProgress(s.RunId, null, 0, 0, 0, 0, false, s.StartedAt),
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
