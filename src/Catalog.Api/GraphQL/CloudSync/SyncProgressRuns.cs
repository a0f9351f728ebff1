using System.Runtime.CompilerServices;
using Catalog.Api.Files.Events;
using Catalog.Projections.SyncRuns;
using Marten;

namespace Catalog.Api.GraphQL.CloudSync;

/// <summary>
/// The run of a live progress message, loaded once per message however many admins' subscriptions (and aliases)
/// resolve it, as <see cref="Audit.EventFileRows"/> does for files. The summary is an inline projection, so it is
/// committed with the event the message comes from. A load has a session of its own and no subscriber's
/// cancellation; one that failed is done again by the next resolver.
/// </summary>
public sealed class SyncProgressRuns(Func<Guid, CancellationToken, Task<SyncRunSummary?>> load)
{
    private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(30);
    private readonly ConditionalWeakTable<SyncProgress, Lazy<Task<SyncRunSummary?>>> loads = new();

    public static SyncProgressRuns FromStore(IDocumentStore store) => new(async (runId, ct) =>
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<SyncRunSummary>(runId, ct);
    });

    public Task<SyncRunSummary?> LoadAsync(SyncProgress progress, CancellationToken ct)
    {
        Lazy<Task<SyncRunSummary?>>? shared;
        lock (loads)
        {
            if (!loads.TryGetValue(progress, out shared) || shared.IsValueCreated && (shared.Value.IsFaulted || shared.Value.IsCanceled))
            {
                shared = new Lazy<Task<SyncRunSummary?>>(() => LoadOnceAsync(progress.RunId));
                loads.AddOrUpdate(progress, shared);
            }
        }
        return shared.Value.WaitAsync(ct);
    }

    private async Task<SyncRunSummary?> LoadOnceAsync(Guid runId)
    {
        using var limit = new CancellationTokenSource(LoadLimit);
        return await load(runId, limit.Token);
    }
}
