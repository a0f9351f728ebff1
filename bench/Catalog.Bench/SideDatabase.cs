using Npgsql;

namespace Catalog.Bench;

/// <summary>
/// A database of its own beside the bench database, for a row whose service must not see the other rows' data
/// (the sync would otherwise try every file P1-P3 left in the local tier, and P3's million listing rows).
/// </summary>
public sealed class SideDatabase : IAsyncDisposable
{
    private readonly string maintenance;
    private readonly string name;

    private SideDatabase(string maintenance, string name, string connectionString)
    {
        this.maintenance = maintenance;
        this.name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<SideDatabase> CreateAsync(BenchSettings s, string suffix)
    {
        var builder = new NpgsqlConnectionStringBuilder(s.Postgres);
        var name = $"{builder.Database}_{suffix}";
        builder.Database = "postgres";
        var maintenance = builder.ConnectionString;
        await ExecuteAsync(maintenance, $"drop database if exists {name} with (force)");
        await ExecuteAsync(maintenance, $"create database {name}");
        builder.Database = name;
        return new SideDatabase(maintenance, name, builder.ConnectionString);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(maintenance, $"drop database if exists {name} with (force)");
    }
}
