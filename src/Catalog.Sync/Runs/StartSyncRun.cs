using Catalog.Domain.Sync;
using Marten;
using Wolverine;

namespace Catalog.Sync.Runs;

/// <summary>An admin asks for a run now. Answered with the run that runs: the new one, or the one already running.</summary>
public sealed record StartSyncRun(Guid RequestedBy);

public sealed record SyncRunStartResult(Guid RunId, bool AlreadyRunning);

public static class StartSyncRunHandler
{
    public static async Task<SyncRunStartResult> Handle(
        StartSyncRun message, IDocumentSession session, IMessageContext bus, TimeProvider time, CancellationToken ct)
    {
        await SyncLocks.SerializeStartsAsync(session, ct);
        var now = time.GetUtcNow();
        return await SyncRunStarter.BeginAsync(
            session, bus, new BeginSyncRun(Guid.CreateVersion7(now), SyncTrigger.Admin, message.RequestedBy, null), now, ct);
    }
}
