using Serilog.Core;
using Serilog.Events;

namespace Catalog.IntegrationTests.Diagnostics;

/// <summary>Keeps what a console sink would have written, for a test to read.</summary>
internal sealed class CollectingSink(List<LogEvent> into) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        lock (into) // a throttle's sweep writes from a timer's thread
            into.Add(logEvent);
    }
}
