using Catalog.Api.Audit;
using Catalog.Projections.FileListing;
using Marten;
using System.Runtime.CompilerServices;

namespace Catalog.Api.GraphQL.Audit;

/// <summary>
/// The listing row of an event's file, loaded once per event however many resolve it: a live event is one
/// <see cref="FileEventView"/> handed to every subscription of its owner (and of the auditors), and each of them may
/// select <c>file</c> under many aliases. Loaded per selection, one client with 100 subscriptions of 25 aliases made
/// 2 500 queries of each event and drained the connection pool.
/// </summary>
public sealed class EventFileRows
{
    private readonly ConditionalWeakTable<FileEventView, Task<FileListing?>> loads = new();

    public async Task<FileListing?> LoadAsync(FileEventView view, IQuerySession session, CancellationToken ct)
    {
        try
        {
            return await Shared(view, session, ct).WaitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The load it shared belonged to a subscription that has gone meanwhile, or failed: one of its own.
            return await session.LoadAsync<FileListing>(view.FileId, ct);
        }
    }

    private Task<FileListing?> Shared(FileEventView view, IQuerySession session, CancellationToken ct)
    {
        lock (loads)
        {
            if (loads.TryGetValue(view, out var load) && !load.IsFaulted && !load.IsCanceled)
                return load;
            load = session.LoadAsync<FileListing>(view.FileId, ct);
            loads.AddOrUpdate(view, load);
            return load;
        }
    }
}
