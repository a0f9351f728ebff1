using Catalog.Api.Audit;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.Api.GraphQL.Audit;

/// <summary>
/// The listing rows of live events' files, each loaded once per event however many resolve it: a live event is one
/// <see cref="FileEventView"/> handed to every subscription of its owner (and of the auditors), and each of them may
/// select <c>file</c> under many aliases. Loaded per selection, one client with 100 subscriptions of 25 aliases made
/// 2 500 queries of each event and drained the connection pool.
/// Events come in bursts (a sync batch commits 100 at once, a purge as many as are due): the rows asked for meanwhile
/// are loaded together by at most <see cref="MostLoaders"/> loaders, each one query (of up to 500 rows) at a time,
/// instead of one query and one connection per event. More than one, so that one slow query holds up only some rows.
/// A load has a session of its own and no subscriber's cancellation, so a subscription that leaves takes nothing from
/// the others; a load that failed is done again by the next resolver, once for all.
/// </summary>
public sealed class EventFileRows
{
    public const int MostLoaders = 3;
    public const int MostRowsPerQuery = 500;
    private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(30);

    private readonly Func<IReadOnlyList<Guid>, CancellationToken, Task<IReadOnlyList<FileListing>>> loadMany;
    private readonly OneLoadPerObject<FileEventView, FileListing?> rows;
    private readonly Lock gate = new();
    private readonly List<(Guid FileId, TaskCompletionSource<FileListing?> Row)> waiting = [];
    private int loaders;

    public EventFileRows(Func<IReadOnlyList<Guid>, CancellationToken, Task<IReadOnlyList<FileListing>>> loadMany)
    {
        this.loadMany = loadMany;
        rows = new(view => Enqueue(view.FileId));
    }

    public static EventFileRows FromStore(IDocumentStore store) => new(async (fileIds, ct) =>
    {
        await using var session = store.QuerySession();
        return await session.LoadManyAsync<FileListing>(ct, fileIds);
    });

    public Task<FileListing?> LoadAsync(FileEventView view, CancellationToken ct) => rows.LoadAsync(view, ct);

    private Task<FileListing?> Enqueue(Guid fileId)
    {
        var row = new TaskCompletionSource<FileListing?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            waiting.Add((fileId, row));
            if (loaders == MostLoaders)
                return row.Task;
            loaders++;
        }
        // Not in the context of the subscriber that happened to ask first: the loader serves everyone's rows.
        using (ExecutionContext.SuppressFlow())
            _ = Task.Run(LoadWaitingAsync);
        return row.Task;
    }

    // A loader takes what waits, loads it in one query, and again until nothing waits.
    private async Task LoadWaitingAsync()
    {
        while (true)
        {
            List<(Guid FileId, TaskCompletionSource<FileListing?> Row)> batch;
            lock (gate)
            {
                if (waiting.Count == 0)
                {
                    loaders--;
                    return;
                }
                batch = waiting.GetRange(0, Math.Min(MostRowsPerQuery, waiting.Count));
                waiting.RemoveRange(0, batch.Count);
            }
            try
            {
                using var limit = new CancellationTokenSource(LoadLimit);
                var rows = (await loadMany([.. batch.Select(w => w.FileId).Distinct()], limit.Token)).ToDictionary(r => r.Id);
                foreach (var (fileId, row) in batch)
                    row.TrySetResult(rows.GetValueOrDefault(fileId));
            }
            catch (Exception e)
            {
                foreach (var (_, row) in batch)
                    row.TrySetException(e);
            }
        }
    }
}
