using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Persistence;

[Collection(CatalogCollection.Name)]
public sealed class PreparedStatementTests(CatalogHost host)
{
    [Fact]
    public void A_connection_string_without_the_setting_gets_prepared_statements_planned_per_call()
    {
        var tuned = new NpgsqlConnectionStringBuilder(
            CatalogConnection.WithPreparedStatements("Host=db;Database=catalog;Username=app;Options=-c statement_timeout=5000"));

        Assert.Equal(CatalogConnection.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal("-c statement_timeout=5000 -c plan_cache_mode=force_custom_plan", tuned.Options);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("app", tuned.Username);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;maxautoprepare=0")]
    [InlineData("Host=db;MAX AUTO PREPARE=7")]
    public void An_operators_own_setting_is_left_alone(string connectionString)
    {
        Assert.Equal(connectionString, CatalogConnection.WithPreparedStatements(connectionString));
    }

    [Fact]
    public async Task The_stores_connections_prepare_repeated_statements_and_plan_them_with_their_values()
    {
        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync();

        for (var i = 0; i < 6; i++)
        {
            await using var repeated = new NpgsqlCommand("select count(*) from catalog.mt_doc_filelisting where owner_id = $1", connection);
            repeated.Parameters.AddWithValue(Guid.NewGuid());
            await repeated.ExecuteScalarAsync();
        }

        await using var prepared = new NpgsqlCommand(
            "select count(*) from pg_prepared_statements where statement like '%mt_doc_filelisting where owner_id = $1%'", connection);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
        await using var mode = new NpgsqlCommand("show plan_cache_mode", connection);
        Assert.Equal("force_custom_plan", await mode.ExecuteScalarAsync());
    }
}
