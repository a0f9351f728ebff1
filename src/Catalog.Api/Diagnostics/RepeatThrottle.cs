using Catalog.Api.Files.Upload;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Parsing;

namespace Catalog.Api.Diagnostics;

/// <summary>
/// Holds back repeats of a library's warnings and errors (Wolverine, Marten, Npgsql and their kin) within
/// <see cref="Window"/>: while Postgres is down their background agents log the same failures, stack traces included,
/// several times a second (about 3 000 lines a minute measured). The first of a kind passes; repeats within the window
/// are counted, and the first one after it passes behind a line saying how many were held back. A kind that stays quiet
/// past its window has its count written on its own, found by a sweep every <c>sweepEvery</c> and on disposal, so the
/// last minute of an outage is not left out. A kind is the source, the message template and the exception's type. The
/// service's own messages, and anything below Warning, all pass, but for a full spool's refusals (<see cref="SpoolRefusals"/>).
/// </summary>
public sealed class RepeatThrottle : ILogEventSink, IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Some libraries put values in the template itself; past this many kinds the oldest counts are forgotten.
    private const int MaxKinds = 1000;
    // The libraries, and the one message of the service's own that repeats one state rather than naming an object.
    private static readonly string[] Throttled = ["Wolverine", "Marten", "JasperFx", "Weasel", "Npgsql", typeof(SpoolRefusals).FullName!];
    private static readonly MessageTemplateParser Parser = new();
    private static readonly MessageTemplate HeldBack =
        Parser.Parse("{HeldBack} repeats of the next message were held back in the last {Seconds} s");
    private static readonly MessageTemplate HeldBackSinceQuiet =
        Parser.Parse("{HeldBack} repeats of \"{HeldBackTemplate:l}\" ({ExceptionType:l}) were held back in the {Seconds} s after it was written; it has not come again since");

    private readonly ILogEventSink inner;
    private readonly TimeProvider time;
    private readonly ITimer sweeper;
    private readonly Dictionary<(string Source, string Template, string? Exception), Kind> kinds = [];

    public RepeatThrottle(ILogEventSink inner, TimeProvider time, TimeSpan? sweepEvery = null)
    {
        this.inner = inner;
        this.time = time;
        var period = sweepEvery ?? Window / 4;
        sweeper = time.CreateTimer(_ => Sweep(everything: false), null, period, period);
    }

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Warning || ThrottledSource(logEvent) is not { } source)
        {
            inner.Emit(logEvent);
            return;
        }

        var key = (source, logEvent.MessageTemplate.Text, logEvent.Exception?.GetType().FullName);
        Kind? ended;
        List<LogEvent>? forgotten = null;
        lock (kinds)
        {
            var now = time.GetUtcNow();
            if (kinds.TryGetValue(key, out ended) && now - ended.Since < Window)
            {
                ended.HoldBack(logEvent.Level);
                return;
            }
            if (ended is null && kinds.Count >= MaxKinds)
                forgotten = TakeCounts(now, everything: true);
            kinds[key] = new Kind(now);
        }

        if (forgotten is not null)
            WriteQuietly(forgotten);
        if (ended is { HeldBack: > 0 })
            inner.Emit(new LogEvent(logEvent.Timestamp, ended.Level, null, HeldBack,
            [
                new LogEventProperty("HeldBack", new ScalarValue(ended.HeldBack)),
                new LogEventProperty("Seconds", new ScalarValue((int)(time.GetUtcNow() - ended.Since).TotalSeconds)),
                new LogEventProperty(Constants.SourceContextPropertyName, new ScalarValue(source)),
            ]));
        inner.Emit(logEvent);
    }

    /// <summary>
    /// Writes the counts of kinds whose window has passed without a repeat that would have written them, and forgets
    /// those kinds (their next message passes as a first); <paramref name="everything"/> writes every count now.
    /// </summary>
    private void Sweep(bool everything)
    {
        List<LogEvent> due;
        lock (kinds)
            due = TakeCounts(time.GetUtcNow(), everything);
        WriteQuietly(due);
    }

    // Called under the lock.
    private List<LogEvent> TakeCounts(DateTimeOffset now, bool everything)
    {
        var due = new List<LogEvent>();
        foreach (var ((source, template, exception), kind) in kinds.ToList())
        {
            if (!everything && now - kind.Since < Window)
                continue;
            kinds.Remove((source, template, exception));
            if (kind.HeldBack > 0)
                due.Add(new LogEvent(now, kind.Level, null, HeldBackSinceQuiet,
                [
                    new LogEventProperty("HeldBack", new ScalarValue(kind.HeldBack)),
                    new LogEventProperty("HeldBackTemplate", new ScalarValue(template)),
                    new LogEventProperty("ExceptionType", new ScalarValue(exception ?? "no exception")),
                    new LogEventProperty("Seconds", new ScalarValue((int)Math.Min(Window.TotalSeconds, (now - kind.Since).TotalSeconds))),
                    new LogEventProperty(Constants.SourceContextPropertyName, new ScalarValue(source)),
                ]));
        }
        return due;
    }

    // The sweep runs on a timer's thread, outside Serilog's own guard: a console that cannot be written must not end
    // the process.
    private void WriteQuietly(List<LogEvent> counts)
    {
        foreach (var count in counts)
        {
            try
            {
                inner.Emit(count);
            }
            catch (Exception e)
            {
                SelfLog.WriteLine("Could not write a held-back count: {0}", e);
            }
        }
    }

    private static string? ThrottledSource(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(Constants.SourceContextPropertyName, out var value)
        && value is ScalarValue { Value: string source }
        && Throttled.Any(prefix => source.StartsWith(prefix, StringComparison.Ordinal))
            ? source
            : null;

    public void Dispose()
    {
        // Waits for a sweep under way, so that its counts are written before the console closes.
        sweeper.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Sweep(everything: true);
        (inner as IDisposable)?.Dispose();
    }

    private sealed class Kind(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public int HeldBack { get; private set; }

        // The most severe level held back, so an error among warnings of one kind is not written as a warning.
        public LogEventLevel Level { get; private set; } = LogEventLevel.Warning;

        public void HoldBack(LogEventLevel level)
        {
            HeldBack++;
            Level = level > Level ? level : Level;
        }
    }
}
