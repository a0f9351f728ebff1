using Catalog.Api.Files.Events;
using Catalog.Api.GraphQL.CloudSync;
using Catalog.Domain.Sync;
using Catalog.Projections.SyncRuns;

namespace Catalog.IntegrationTests.GraphQL.WebSockets;

public sealed class SyncProgressRunsTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-30T00:00:00+00:00");

    [Fact]
    public async Task One_message_resolved_many_times_at_once_loads_its_run_once()
    {
        var loads = 0;
        var release = new TaskCompletionSource();
        var runs = new SyncProgressRuns(async (runId, _) =>
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return Summary(runId);
        });
        var message = new SyncProgress(Guid.NewGuid(), 1, 3, 3, 0, 300, false, At);

        var resolving = Enumerable.Range(0, 25).Select(_ => runs.LoadAsync(message, CancellationToken.None)).ToList();
        release.SetResult();
        var loaded = await Task.WhenAll(resolving);
        var another = await runs.LoadAsync(message with { }, CancellationToken.None);

        Assert.All(loaded, run => Assert.Equal(message.RunId, run?.Id));
        Assert.Equal(message.RunId, another?.Id);
        // Shared by the message handed out, not by equality: the other (equal) message had a load of its own.
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task A_load_that_failed_is_done_again_by_the_next_resolver_and_a_leaving_one_takes_it_from_no_one()
    {
        var attempts = 0;
        var release = new TaskCompletionSource();
        var runs = new SyncProgressRuns(async (runId, limit) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
                throw new TimeoutException("Postgres did not answer");
            await release.Task.WaitAsync(limit); // a load given a leaving resolver's cancellation would end here
            return Summary(runId);
        });
        var message = new SyncProgress(Guid.NewGuid(), null, 0, 0, 0, 0, false, At);

        await Assert.ThrowsAsync<TimeoutException>(() => runs.LoadAsync(message, CancellationToken.None));
        using var leaving = new CancellationTokenSource();
        var first = runs.LoadAsync(message, leaving.Token);
        var second = runs.LoadAsync(message, CancellationToken.None);
        await leaving.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(message.RunId, (await second)?.Id);
        Assert.Equal(2, attempts);
    }

    private static SyncRunSummary Summary(Guid runId) =>
        new() { Id = runId, Trigger = SyncTrigger.Admin, Status = SyncRunStatus.Running, StartedAt = At };
}
