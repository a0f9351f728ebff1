using System.Collections.Concurrent;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.Api.GraphQL.Audit;

/// <summary>
/// The listing rows of a query's events, each file's loaded once per operation (a request's, or each of a batch's in
/// its own scope): every event of a file's history names the same file, and a history of thousands of accesses made
/// as many loads of one row.
/// </summary>
public sealed class QueriedFileRows(IQuerySession session)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<FileListing?>>> rows = new();

    public Task<FileListing?> LoadAsync(Guid fileId, CancellationToken ct) =>
        rows.GetOrAdd(fileId, id => new Lazy<Task<FileListing?>>(() => session.LoadAsync<FileListing>(id, ct))).Value;
}
