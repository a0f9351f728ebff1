using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Catalog.Api.Diagnostics;

/// <summary>
/// Holds back repeats of a library's warnings and errors (Wolverine, Marten, Npgsql and their kin) within
/// <see cref="Window"/>: while Postgres is down their background agents log the same failures, stack traces included,
/// several times a second (about 3 000 lines a minute measured). The first of a kind passes; repeats within the window
/// are counted, and the first one after it passes behind a line saying how many were held back. A kind is the source,
/// the message template and the exception's type. The service's own messages, and anything below Warning, all pass.
/// </summary>
public sealed class RepeatThrottle(ILogEventSink inner, TimeProvider time) : ILogEventSink, IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Some libraries put values in the template itself; past this many kinds the oldest counts are forgotten.
    private const int MaxKinds = 1000;
    private static readonly string[] Libraries = ["Wolverine", "Marten", "JasperFx", "Weasel", "Npgsql"];
    private static readonly MessageTemplate HeldBack =
        new MessageTemplateParser().Parse("{HeldBack} repeats of the next message were held back in the last {Seconds} s");

    private readonly Dictionary<(string Source, string Template, string? Exception), Kind> kinds = [];

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Warning || LibrarySource(logEvent) is not { } source)
        {
            inner.Emit(logEvent);
            return;
        }

        var key = (source, logEvent.MessageTemplate.Text, logEvent.Exception?.GetType().FullName);
        int heldBack;
        DateTimeOffset since;
        lock (kinds)
        {
            var now = time.GetUtcNow();
            if (kinds.TryGetValue(key, out var kind) && now - kind.Since < Window)
            {
                kind.HeldBack++;
                return;
            }
            (heldBack, since) = kind is null ? (0, now) : (kind.HeldBack, kind.Since);
            if (kind is null && kinds.Count >= MaxKinds)
                kinds.Clear();
            kinds[key] = new Kind(now);
        }

        if (heldBack > 0)
            inner.Emit(new LogEvent(logEvent.Timestamp, logEvent.Level, null, HeldBack,
            [
                new LogEventProperty("HeldBack", new ScalarValue(heldBack)),
                new LogEventProperty("Seconds", new ScalarValue((int)(time.GetUtcNow() - since).TotalSeconds)),
                new LogEventProperty(Serilog.Core.Constants.SourceContextPropertyName, new ScalarValue(source)),
            ]));
        inner.Emit(logEvent);
    }

    private static string? LibrarySource(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(Serilog.Core.Constants.SourceContextPropertyName, out var value)
        && value is ScalarValue { Value: string source }
        && Libraries.Any(library => source.StartsWith(library, StringComparison.Ordinal))
            ? source
            : null;

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private sealed class Kind(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public int HeldBack { get; set; }
    }
}
