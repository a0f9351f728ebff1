using System.Data.Common;
using Npgsql;

namespace Catalog.Projections;

/// <summary>How the catalog connects to Postgres, beyond what the operator's connection string says.</summary>
public static class CatalogConnection
{
    /// <summary>Statements kept prepared per connection, least recently used dropped first (ADR 0079).</summary>
    public const int MaxAutoPrepare = 100;

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on, unless it sets <c>Max Auto Prepare</c> itself
    /// (<c>0</c> turns it off, e.g. behind a pooler that cannot keep prepared statements). Marten and Wolverine send the
    /// same statement texts over and over; prepared, Postgres parses each once per connection. Each call is still
    /// planned with its own values: a generic plan of the listing's name search, made for no fragment in particular,
    /// was 50 times slower for a common one (ADR 0079).
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(IsMaxAutoPrepare))
            return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare };
        builder.Options = $"{builder.Options} -c plan_cache_mode=force_custom_plan".Trim();
        return builder.ConnectionString;
    }

    private static bool IsMaxAutoPrepare(string key) =>
        key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase);
}
