using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>Every event the host logs, kept for tests that check what an operator would read.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyList<LogEvent> Events => events.ToArray();

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    /// <summary>The request log's line for each request to <paramref name="path"/>.</summary>
    public IReadOnlyList<LogEvent> RequestsTo(string path) =>
        Events.Where(e => e.Properties.TryGetValue("RequestPath", out var p) && p is ScalarValue { Value: string s } && s == path
                          && e.Properties.ContainsKey("StatusCode")).ToList();

    public static int StatusOf(LogEvent requestLine) => (int)((ScalarValue)requestLine.Properties["StatusCode"]).Value!;
}
