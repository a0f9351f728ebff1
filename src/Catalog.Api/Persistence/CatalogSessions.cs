using Marten;
using SessionOptions = Marten.Services.SessionOptions;

namespace Catalog.Api.Persistence;

/// <summary>
/// The sessions every request and handler is given (ADR 0083): lightweight document sessions on the store's
/// connections, query sessions on <see cref="PlannedReads"/>. Wolverine's handlers get their query sessions here too.
/// </summary>
internal sealed class CatalogSessions(IDocumentStore store, PlannedReads reads) : ISessionFactory
{
    public IDocumentSession OpenSession() => store.LightweightSession();

    public IQuerySession QuerySession() => store.QuerySession(SessionOptions.ForDatabase(reads.Database));
}
