using Npgsql;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>A database of its own on the test server, for a host that must not share state with the others.</summary>
public static class TestDatabase
{
    public static async Task<string> CreateAsync(string serverConnectionString, string name)
    {
        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }
}
