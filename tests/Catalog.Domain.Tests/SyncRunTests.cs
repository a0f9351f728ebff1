using Catalog.Domain.Sync;
using static Catalog.Domain.Tests.FileSpec;

namespace Catalog.Domain.Tests;

public class SyncRunTests
{
    private static readonly Guid AdminId = OwnerId;
    private static readonly Guid FirstFile = Guid.Parse("01900000-0000-7000-8000-000000000001");
    private static readonly Guid SecondFile = Guid.Parse("01900000-0000-7000-8000-000000000002");

    private static SyncRunStarted Started() => new(RunId, SyncTrigger.Admin, AdminId, null, UploadedAt);

    private static SyncBatchCompleted Batch(int batch, Guid lastFile) =>
        new(RunId, batch, 2, 2, 0, 8_192, lastFile, UploadedAt.AddMinutes(batch + 1));

    private static CompleteSyncBatch Complete(int batch, bool isLast = false, Guid? lastFile = null) =>
        new(RunId, batch, 3, 2, 1, 1_000, lastFile ?? SecondFile, isLast);

    private static SyncRun? Given(params object[] events) =>
        events.Aggregate((SyncRun?)null, (state, e) => (state, e) switch
        {
            (null, SyncRunStarted started) => SyncRun.Create(started),
            (not null, SyncBatchCompleted batch) => state.Apply(batch),
            (not null, SyncRunFinished finished) => state.Apply(finished),
            _ => throw new InvalidOperationException($"{e.GetType().Name} cannot be applied here."),
        });

    [Fact]
    public void Beginning_when_nothing_runs_appends_SyncRunStarted()
    {
        var decision = SyncRunDecisions.Begin(new BeginSyncRun(RunId, SyncTrigger.Admin, AdminId, null), null, Now);

        Then.Appended(decision, new SyncRunStarted(RunId, SyncTrigger.Admin, AdminId, null, Now));
    }

    [Fact]
    public void Beginning_while_another_run_runs_decides_nothing()
    {
        var running = Guid.Parse("5a9c0000-0000-0000-0000-0000000000ff");

        var decision = SyncRunDecisions.Begin(new BeginSyncRun(RunId, SyncTrigger.Schedule, null, Now), running, Now);

        Then.Nothing(decision);
    }

    [Fact]
    public void The_first_batch_is_recorded()
    {
        var decision = SyncRunDecisions.CompleteBatch(Given(Started()), Complete(0), Now);

        Then.Appended(decision, new SyncBatchCompleted(RunId, 0, 3, 2, 1, 1_000, SecondFile, Now));
    }

    [Fact]
    public void The_last_batch_finishes_the_run()
    {
        var decision = SyncRunDecisions.CompleteBatch(Given(Started(), Batch(0, FirstFile)), Complete(1, isLast: true), Now);

        Then.Appended(decision,
            new SyncBatchCompleted(RunId, 1, 3, 2, 1, 1_000, SecondFile, Now),
            new SyncRunFinished(RunId, Now));
    }

    [Fact]
    public void A_last_batch_that_cuts_the_run_short_finishes_it_with_the_reason()
    {
        const string Reason = "Every file of batch 1 (3) failed because a storage tier was unavailable.";

        var decision = SyncRunDecisions.CompleteBatch(Given(Started(), Batch(0, FirstFile)), Complete(1, isLast: true) with { CutShortBecause = Reason }, Now);

        Then.Appended(decision,
            new SyncBatchCompleted(RunId, 1, 3, 2, 1, 1_000, SecondFile, Now),
            new SyncRunFinished(RunId, Now, Reason));
    }

    [Fact]
    public void Only_a_last_batch_can_cut_the_run_short()
    {
        var command = Complete(1) with { CutShortBecause = "a storage tier was unavailable" };

        Then.Refused(SyncRunDecisions.CompleteBatch(Given(Started(), Batch(0, FirstFile)), command, Now), ErrorKind.BadInput);
    }

    [Fact]
    public void A_batch_delivered_again_after_it_was_recorded_decides_nothing()
    {
        var run = Given(Started(), Batch(0, FirstFile));

        Then.Nothing(SyncRunDecisions.CompleteBatch(run, Complete(0), Now));
    }

    [Fact]
    public void A_batch_of_a_finished_run_decides_nothing()
    {
        var run = Given(Started(), Batch(0, FirstFile), new SyncRunFinished(RunId, Now));

        Then.Nothing(SyncRunDecisions.CompleteBatch(run, Complete(1, isLast: true), Now));
    }

    [Fact]
    public void A_batch_of_an_unknown_run_is_not_found()
    {
        Then.Refused(SyncRunDecisions.CompleteBatch(null, Complete(0), Now), ErrorKind.NotFound);
    }

    [Theory]
    [InlineData(-1, 0, 0, 0, 0)]
    [InlineData(1, 1, 1, 0, 0)]
    [InlineData(1, 1, 0, 0, -5)]
    [InlineData(2, 1, 0, 0, 0)]
    [InlineData(2, 1, 0, 2, 0)]
    [InlineData(0, 1, 0, -1, 0)]
    public void Counts_that_do_not_add_up_are_bad_input(int tried, int synced, int failed, int deletedMeanwhile, long bytes)
    {
        var command = new CompleteSyncBatch(RunId, 0, tried, synced, failed, bytes, null, false, DeletedMeanwhile: deletedMeanwhile);

        Then.Refused(SyncRunDecisions.CompleteBatch(Given(Started()), command, Now), ErrorKind.BadInput);
    }

    [Fact]
    public void Files_deleted_while_they_were_copied_are_counted_among_those_tried()
    {
        var command = Complete(0) with { Tried = 5, DeletedMeanwhile = 2 };

        Then.Appended(SyncRunDecisions.CompleteBatch(Given(Started()), command, Now),
            new SyncBatchCompleted(RunId, 0, 5, 2, 1, 1_000, SecondFile, Now, DeletedMeanwhile: 2));
    }

    [Fact]
    public void The_run_remembers_where_the_next_batch_continues()
    {
        var run = Given(Started(), Batch(0, FirstFile), Batch(1, SecondFile))!;

        Assert.Equal(new SyncRun(RunId, 2, SecondFile, false), run);
    }

    [Fact]
    public void An_empty_batch_keeps_the_cursor()
    {
        var empty = new SyncBatchCompleted(RunId, 1, 0, 0, 0, 0, null, Now);

        var run = Given(Started(), Batch(0, FirstFile), empty, new SyncRunFinished(RunId, Now))!;

        Assert.Equal(new SyncRun(RunId, 2, FirstFile, true), run);
    }
}
