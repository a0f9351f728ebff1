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

    /// <summary>Vacuumed, with fresh statistics, as autovacuum keeps a table that grew over time.</summary>
    public async Task VacuumAsync(Type documentType)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand($"vacuum (analyze) {Store.Options.FindOrResolveDocumentType(documentType).TableName.QualifiedName}", connection);
        await analyze.ExecuteNonQueryAsync();
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
