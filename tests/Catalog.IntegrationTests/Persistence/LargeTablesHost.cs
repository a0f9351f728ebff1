using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Persistence;

/// <summary>
/// A host whose tests fill read-model tables with many rows, to see what a query reads among them: a database of its
/// own, so the rows never reach another test's listing or trail.
/// </summary>
public sealed class LargeTablesHost : SyncHost
{
    protected override string DatabaseName => "catalog_large_tables";

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Query sessions as requests and handlers get them: planned for their values (ADR 0083).</summary>
    public ISessionFactory Sessions => Host.Services.GetRequiredService<ISessionFactory>();

    /// <summary>
    /// Vacuumed, with fresh statistics and every page marked all-visible, as autovacuum keeps a table that grew over
    /// time. A vacuum cannot mark a page while a transaction older than its rows runs (the host's own background work
    /// starts some), so it is repeated until the marks are there.
    /// </summary>
    public async Task VacuumAsync(Type documentType)
    {
        var table = Store.Options.FindOrResolveDocumentType(documentType).TableName.QualifiedName;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand($"vacuum (analyze) {table}", connection);
        await using var allVisible = new NpgsqlCommand($"select relallvisible >= relpages from pg_class where oid = '{table}'::regclass", connection);
        for (var attempt = 1; ; attempt++)
        {
            await vacuum.ExecuteNonQueryAsync();
            if ((bool)(await allVisible.ExecuteScalarAsync())!)
                return;
            if (attempt == 50)
                throw new InvalidOperationException($"{table} still had pages not marked all-visible after {attempt} vacuums");
            await Task.Delay(100);
        }
    }

    /// <summary>Shared buffers a statement hits or reads when run with its parameters, from <c>explain (analyze, buffers)</c>.</summary>
    public async Task<long> PagesReadAsync(NpgsqlCommand command)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("explain (analyze, buffers, format json) " + command.CommandText, connection);
        foreach (NpgsqlParameter parameter in command.Parameters)
            explain.Parameters.Add(parameter.Clone());
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
        var top = plan.RootElement[0].GetProperty("Plan");
        return top.GetProperty("Shared Hit Blocks").GetInt64() + top.GetProperty("Shared Read Blocks").GetInt64();
    }
}

[CollectionDefinition(Name)]
public sealed class LargeTablesCollection : ICollectionFixture<LargeTablesHost>
{
    public const string Name = "large tables";
}
