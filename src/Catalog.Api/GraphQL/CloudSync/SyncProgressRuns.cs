using Catalog.Api.Files.Events;
using Catalog.Projections.SyncRuns;
using Marten;

namespace Catalog.Api.GraphQL.CloudSync;

/// <summary>
/// The run of a live progress message, loaded once per message however many admins' subscriptions (and aliases)
/// resolve it, as <see cref="Audit.EventFileRows"/> does for files. The summary is an inline projection, so it is
/// committed with the event the message comes from. A load has a session of its own and no subscriber's cancellation.
/// </summary>
public sealed class SyncProgressRuns
{
    private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(30);
    private readonly OneLoadPerObject<SyncProgress, SyncRunSummary?> loads;

    public SyncProgressRuns(Func<Guid, CancellationToken, Task<SyncRunSummary?>> load) =>
        loads = new(async progress =>
        {
            using var limit = new CancellationTokenSource(LoadLimit);
            return await load(progress.RunId, limit.Token);
        });

    public static SyncProgressRuns FromStore(IDocumentStore store) => new(async (runId, ct) =>
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<SyncRunSummary>(runId, ct);
    });

    public Task<SyncRunSummary?> LoadAsync(SyncProgress progress, CancellationToken ct) => loads.LoadAsync(progress, ct);
}
