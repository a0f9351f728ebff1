using Testcontainers.PostgreSql;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// The Postgres the tests use: the one named by CATALOG_TEST_POSTGRES when it is set (scripts/test.sh starts one
/// without Docker), otherwise a Testcontainers.PostgreSql container, which needs Docker.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private readonly PostgreSqlContainer? container;

    private TestPostgres(string connectionString, PostgreSqlContainer? container)
    {
        ConnectionString = connectionString;
        this.container = container;
    }

    public string ConnectionString { get; }

    public static async Task<TestPostgres> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(TestEnvironment.PostgresVariable) is { Length: > 0 } configured)
            return new TestPostgres(configured, null);

        var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
        await container.StartAsync();
        return new TestPostgres(container.GetConnectionString(), container);
    }

    public async ValueTask DisposeAsync()
    {
        if (container is not null)
            await container.DisposeAsync();
    }
}
