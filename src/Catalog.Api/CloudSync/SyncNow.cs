using Catalog.Projections.SyncRuns;
using Catalog.Sync.Runs;
using Marten;
using Wolverine;

namespace Catalog.Api.CloudSync;

/// <summary>An admin's "sync now": the new run, or the one already running.</summary>
public static class SyncNow
{
    public static async Task<SyncRunSummary> Handle(Guid adminId, IMessageBus bus, IQuerySession session, CancellationToken ct)
    {
        var started = await bus.InvokeAsync<SyncRunStartResult>(new StartSyncRun(adminId), ct, TimeSpan.FromMinutes(1));
        return await session.LoadAsync<SyncRunSummary>(started.RunId, ct)
               ?? throw new InvalidOperationException($"Sync run {started.RunId} was started but has no summary.");
    }
}
