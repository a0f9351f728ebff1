using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Persistence;

[Collection(CatalogCollection.Name)]
public sealed class PreparedStatementTests(CatalogHost host)
{
    private const string Given = "Host=db;Database=catalog;Username=app;Options=-c statement_timeout=5000";

    [Fact]
    public void The_write_path_gets_prepared_statements_and_postgres_chooses_their_plans()
    {
        var tuned = new NpgsqlConnectionStringBuilder(CatalogConnection.WithPreparedStatements(Given));

        Assert.Equal(CatalogConnection.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal("-c statement_timeout=5000", tuned.Options);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("app", tuned.Username);
    }

    [Fact]
    public void Reads_get_prepared_statements_planned_per_call()
    {
        var tuned = new NpgsqlConnectionStringBuilder(CatalogConnection.WithPreparedStatementsPlannedPerCall(Given));

        Assert.Equal(CatalogConnection.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal("-c statement_timeout=5000 -c plan_cache_mode=force_custom_plan", tuned.Options);
        Assert.Equal("db", tuned.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;maxautoprepare=0")]
    [InlineData("Host=db;MAX AUTO PREPARE=7")]
    public void An_operators_own_setting_is_left_alone(string connectionString)
    {
        Assert.Equal(connectionString, CatalogConnection.WithPreparedStatements(connectionString));
        Assert.Equal(connectionString, CatalogConnection.WithPreparedStatementsPlannedPerCall(connectionString));
    }

    [Fact]
    public async Task Document_sessions_prepare_repeated_statements_and_let_postgres_keep_a_plan()
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        await session.BeginTransactionAsync(CancellationToken.None); // one connection for every statement below

        Assert.Equal(1, await PreparedCountAfterRepeatingAsync(session));
        Assert.Equal("auto", await PlanCacheModeAsync(session));
    }

    [Fact]
    public async Task Query_sessions_of_requests_and_handlers_are_prepared_and_planned_on_every_call()
    {
        await using var scope = host.Host.Services.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<IQuerySession>();
        await using var handlers = host.Host.Services.GetRequiredService<ISessionFactory>().QuerySession();

        Assert.Equal("force_custom_plan", await PlanCacheModeAsync(requests));
        Assert.Equal("force_custom_plan", await PlanCacheModeAsync(handlers));
        await using var connection = (NpgsqlConnection)requests.Database.CreateConnection();
        Assert.Equal(CatalogConnection.MaxAutoPrepare, new NpgsqlConnectionStringBuilder(connection.ConnectionString).MaxAutoPrepare);
    }

    private static async Task<string> PlanCacheModeAsync(IQuerySession session) =>
        (await session.AdvancedSql.QueryAsync<string>("select current_setting('plan_cache_mode')", CancellationToken.None)).Single();

    // Six executions: Npgsql prepares a statement text on its fifth use on one connection.
    private static async Task<long> PreparedCountAfterRepeatingAsync(IDocumentSession session)
    {
        var owner = Guid.NewGuid();
        for (var i = 0; i < 6; i++)
            await session.AdvancedSql.QueryAsync<long>(
                "select count(*) from catalog.mt_doc_filelisting where owner_id = ?", CancellationToken.None, owner);
        return (await session.AdvancedSql.QueryAsync<long>(
            "select count(*) from pg_prepared_statements where statement like '%mt_doc_filelisting where owner_id = $1%'",
            CancellationToken.None)).Single();
    }
}
