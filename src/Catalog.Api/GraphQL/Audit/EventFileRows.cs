using System.Runtime.CompilerServices;
using Catalog.Api.Audit;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.Api.GraphQL.Audit;

/// <summary>
/// The listing row of a live event's file, loaded once per event however many resolve it: a live event is one
/// <see cref="FileEventView"/> handed to every subscription of its owner (and of the auditors), and each of them may
/// select <c>file</c> under many aliases. Loaded per selection, one client with 100 subscriptions of 25 aliases made
/// 2 500 queries of each event and drained the connection pool. The load has a session of its own and no subscriber's
/// cancellation, so a subscription that leaves takes nothing from the others; a load that failed is done again by the
/// next resolver, once for all.
/// </summary>
public sealed class EventFileRows(Func<Guid, CancellationToken, Task<FileListing?>> load)
{
    private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(30);

    private readonly ConditionalWeakTable<FileEventView, Lazy<Task<FileListing?>>> loads = new();

    public static EventFileRows FromStore(IDocumentStore store) => new(async (fileId, ct) =>
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<FileListing>(fileId, ct);
    });

    public Task<FileListing?> LoadAsync(FileEventView view, CancellationToken ct)
    {
        Lazy<Task<FileListing?>>? shared;
        lock (loads)
        {
            if (!loads.TryGetValue(view, out shared) || shared.IsValueCreated && (shared.Value.IsFaulted || shared.Value.IsCanceled))
            {
                shared = new Lazy<Task<FileListing?>>(() => LoadLimitedAsync(view.FileId));
                loads.AddOrUpdate(view, shared);
            }
        }
        return shared.Value.WaitAsync(ct);
    }

    private async Task<FileListing?> LoadLimitedAsync(Guid fileId)
    {
        using var limit = new CancellationTokenSource(LoadLimit);
        return await load(fileId, limit.Token);
    }
}
