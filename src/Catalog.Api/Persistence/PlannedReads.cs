using Catalog.Projections;
using Marten;
using Marten.Storage;
using Npgsql;

namespace Catalog.Api.Persistence;

/// <summary>
/// A second pool on the catalog's database, for the reads that filter and sort the listing and the audit trail: their
/// statements are planned on every call, where the store's own connections let Postgres keep one plan (ADR 0083). It
/// never changes the schema: the store applies it at start-up, before any read.
/// </summary>
public sealed class PlannedReads : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly MartenDatabase database;

    public PlannedReads(IDocumentStore store, IConfiguration configuration)
    {
        var options = ((DocumentStore)store).Options;
        dataSource = NpgsqlDataSource.Create(
            CatalogConnection.WithPreparedStatementsPlannedPerCall(PersistenceRegistration.ConnectionString(configuration)));
        database = new MartenDatabase(options, dataSource, "planned-reads");
        database.MarkAllFeaturesAsChecked();
    }

    public IMartenDatabase Database => database;

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        await dataSource.DisposeAsync();
    }
}
