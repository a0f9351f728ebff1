namespace Catalog.Api.Persistence;

/// <summary>How soon the async daemon (projections, live feeds) sees a committed event (ADR 0015).</summary>
public sealed class EventDaemonOptions
{
    public const string Section = "EventDaemon";

    /// <summary>Appends send a Postgres notification that wakes the daemon at once; polling stays as the fallback.</summary>
    public bool WakeOnAppend { get; set; } = true;

    /// <summary>Polling for new events while events keep arriving (Marten's default: 250 ms).</summary>
    public TimeSpan FastPollingTime { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Polling for new events while the store is quiet (Marten's default: 1 s).</summary>
    public TimeSpan SlowPollingTime { get; set; } = TimeSpan.FromSeconds(1);
}
