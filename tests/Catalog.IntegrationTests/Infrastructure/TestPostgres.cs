using DotNet.Testcontainers.Builders;
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

        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder("postgres:15-alpine").Build();
        }
        catch (DockerUnavailableException e)
        {
            throw new InvalidOperationException(
                $"{TestEnvironment.PostgresVariable} is not set and Docker is not available: run the tests with scripts/test.sh.", e);
        }
        await container.StartAsync();
        return new TestPostgres(container.GetConnectionString(), container);
    }

    /// <summary>A database of its own on the same server, for a host that must not share data with the others.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new Npgsql.NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"drop database if exists {name} with (force)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new Npgsql.NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        builder.Database = name;
        return builder.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (container is not null)
            await container.DisposeAsync();
    }
}
