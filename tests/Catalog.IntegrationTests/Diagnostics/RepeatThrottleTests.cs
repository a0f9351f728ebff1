using Catalog.Api.Diagnostics;
using Catalog.Api.Files.Upload;
using Catalog.IntegrationTests.Infrastructure;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Catalog.IntegrationTests.Diagnostics;

/// <summary>The console's throttle on libraries' repeated warnings and errors, on a clock the tests move.</summary>
public sealed class RepeatThrottleTests : IDisposable
{
    private readonly List<LogEvent> written = [];
    private readonly TestClock clock = new();
    private readonly Logger logger;

    // No sweeps here but the one on disposal: a test that stalls must not have its counts written behind its back.
    public RepeatThrottleTests() =>
        logger = new LoggerConfiguration().MinimumLevel.Verbose()
            .WriteTo.Sink(new RepeatThrottle(new CollectingSink(written), clock, sweepEvery: Timeout.InfiniteTimeSpan)).CreateLogger();

    public void Dispose() => logger.Dispose();

    [Fact]
    public void Repeats_of_a_library_error_within_the_window_are_held_back_and_counted_when_the_next_one_passes()
    {
        var agent = logger.ForContext("SourceContext", "Wolverine.RDBMS.DurabilityAgent");
        for (var i = 0; i < 5; i++)
        {
            agent.Error(new TimeoutException(), "Error trying to run durability agent commands");
            clock.Advance(TimeSpan.FromSeconds(10));
        }
        Assert.Single(written);

        clock.Advance(TimeSpan.FromSeconds(15)); // 65 s after the first
        agent.Error(new TimeoutException(), "Error trying to run durability agent commands");

        Assert.Equal(3, written.Count);
        Assert.Equal("4 repeats of the next message were held back in the last 65 s", written[1].RenderMessage());
        Assert.Equal((LogEventLevel.Error, "Wolverine.RDBMS.DurabilityAgent"), (written[1].Level, SourceOf(written[1])));
        Assert.IsType<TimeoutException>(written[2].Exception);
    }

    [Fact]
    public void A_repeat_after_a_quiet_window_passes_without_a_count()
    {
        var marten = logger.ForContext("SourceContext", "Marten.Events.Daemon.HighWater");
        marten.Error("Failed while trying to detect high water statistics");
        clock.Advance(RepeatThrottle.Window);
        marten.Error("Failed while trying to detect high water statistics");

        Assert.Equal(2, written.Count);
        Assert.All(written, e => Assert.Equal("Failed while trying to detect high water statistics", e.RenderMessage()));
    }

    [Fact]
    public void Other_templates_exceptions_and_sources_are_kinds_of_their_own()
    {
        var wolverine = logger.ForContext("SourceContext", "Wolverine.Runtime");
        wolverine.Error(new TimeoutException(), "Invocation of {Operation} failed!", "A");
        wolverine.Error(new TimeoutException(), "Invocation of {Operation} failed!", "B"); // same template: held back
        wolverine.Error(new InvalidOperationException(), "Invocation of {Operation} failed!", "A");
        wolverine.Warning("Unable to establish the LISTEN connection");
        logger.ForContext("SourceContext", "Npgsql.Connection").Error(new TimeoutException(), "Invocation of {Operation} failed!", "A");

        Assert.Equal(4, written.Count);
    }

    [Fact]
    public void A_full_spools_refusals_are_held_back_like_a_librarys_errors()
    {
        var spool = logger.ForContext("SourceContext", typeof(SpoolRefusals).FullName);
        for (var i = 0; i < 4; i++)
        {
            spool.Warning("{Reason:l} (Uploads:SpoolDirectory); the upload was refused with 503", $"The spool is full ({i})");
            clock.Advance(TimeSpan.FromSeconds(20));
        }

        // The second and third came within a minute of the first; the fourth, a minute after it, passes behind their count.
        Assert.Equal(
        [
            "The spool is full (0) (Uploads:SpoolDirectory); the upload was refused with 503",
            "2 repeats of the next message were held back in the last 60 s",
            "The spool is full (3) (Uploads:SpoolDirectory); the upload was refused with 503",
        ], written.Select(e => e.RenderMessage()));
    }

    [Fact]
    public void The_services_own_messages_and_a_librarys_information_all_pass()
    {
        var ours = logger.ForContext("SourceContext", "Catalog.Sync.Storage.LocalTier");
        var marten = logger.ForContext("SourceContext", "Marten.Storage");
        for (var i = 0; i < 3; i++)
        {
            ours.Error("Could not remove {ObjectKey}", "a/b");
            marten.Information("Executed schema update SQL");
            logger.Warning("No source at all");
        }

        Assert.Equal(9, written.Count);
    }

    [Fact]
    public async Task A_count_whose_message_does_not_come_again_is_written_by_the_sweep_once_its_window_has_passed()
    {
        var swept = new List<LogEvent>();
        using var throttle = new RepeatThrottle(new CollectingSink(swept), clock, sweepEvery: TimeSpan.FromMilliseconds(20));
        using var sweptLogger = new LoggerConfiguration().WriteTo.Sink(throttle).CreateLogger();
        var agent = sweptLogger.ForContext("SourceContext", "Wolverine.RDBMS.DurabilityAgent");
        agent.Warning(new TimeoutException(), "Error trying to run durability agent commands");
        agent.Error(new TimeoutException(), "Error trying to run durability agent commands");
        agent.Warning(new TimeoutException(), "Error trying to run durability agent commands");

        await Task.Delay(200); // sweeps within the window write nothing
        Assert.Single(Snapshot(swept));

        clock.Advance(RepeatThrottle.Window);
        Assert.True(await Eventually.HoldsAsync(() => Snapshot(swept).Count == 2));
        var written = Snapshot(swept);
        Assert.Equal(
            "2 repeats of \"Error trying to run durability agent commands\" (System.TimeoutException) were held back in the 60 s after it was written; it has not come again since",
            written[1].RenderMessage());
        Assert.Equal((LogEventLevel.Error, "Wolverine.RDBMS.DurabilityAgent"), (written[1].Level, SourceOf(written[1])));

        // Forgotten once written: the next one passes as a first, with its trace and no count.
        agent.Warning(new TimeoutException(), "Error trying to run durability agent commands");
        written = Snapshot(swept);
        Assert.Equal(3, written.Count);
        Assert.IsType<TimeoutException>(written[2].Exception);
    }

    [Fact]
    public void Counts_still_held_back_are_written_when_the_throttle_is_disposed()
    {
        var agent = logger.ForContext("SourceContext", "Marten.Events.Daemon.HighWater");
        agent.Error("Failed while trying to detect high water statistics");
        clock.Advance(TimeSpan.FromSeconds(20));
        agent.Error("Failed while trying to detect high water statistics");
        logger.ForContext("SourceContext", "Npgsql.Connection").Warning("Once only");

        logger.Dispose();

        Assert.Equal(3, written.Count);
        Assert.Equal(
            "1 repeats of \"Failed while trying to detect high water statistics\" (no exception) were held back in the 20 s after it was written; it has not come again since",
            written[2].RenderMessage());
    }

    [Fact]
    public void Counts_are_written_before_the_kinds_are_forgotten_at_their_limit()
    {
        var marten = logger.ForContext("SourceContext", "Marten.Events");
        marten.Warning("Kind 0");
        marten.Warning("Kind 0");
        for (var kind = 1; kind < 1000; kind++)
            marten.Warning("Kind " + kind);
        Assert.Equal(1000, written.Count);

        marten.Warning("Kind 1000"); // one kind past the limit

        Assert.Equal(1002, written.Count);
        Assert.StartsWith("1 repeats of \"Kind 0\" (no exception) were held back", written[1000].RenderMessage(), StringComparison.Ordinal);
        Assert.Equal("Kind 1000", written[1001].RenderMessage());
    }

    private static List<LogEvent> Snapshot(List<LogEvent> events)
    {
        lock (events)
            return [.. events];
    }

    private static string? SourceOf(LogEvent e) =>
        e.Properties.TryGetValue("SourceContext", out var value) ? (value as ScalarValue)?.Value as string : null;
}
