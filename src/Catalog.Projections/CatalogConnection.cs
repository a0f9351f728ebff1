using System.Data.Common;
using Npgsql;

namespace Catalog.Projections;

/// <summary>How the catalog connects to Postgres, beyond what the operator's connection string says.</summary>
public static class CatalogConnection
{
    /// <summary>Statements kept prepared per connection, least recently used dropped first (ADR 0079).</summary>
    public const int MaxAutoPrepare = 100;

    /// <summary>
    /// The connection string of the write path, Wolverine and the projection daemon: Npgsql's automatic preparation on,
    /// unless it sets <c>Max Auto Prepare</c> itself (<c>0</c> turns it off, e.g. behind a pooler that cannot keep
    /// prepared statements). Marten and Wolverine send the same statement texts over and over; prepared, Postgres parses
    /// each once per connection, and may keep one plan for statements whose values do not change it (ADR 0083).
    /// </summary>
    public static string WithPreparedStatements(string connectionString) =>
        SetsMaxAutoPrepare(connectionString)
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;

    /// <summary>
    /// The connection string of the reads that filter and sort the listing and the audit trail: prepared as well, but
    /// planned on every call with its own values. A generic plan of the listing's name search, made for no fragment in
    /// particular, was 50 times slower for a common one (ADR 0079, 0083). Left exactly as given when it sets
    /// <c>Max Auto Prepare</c> itself, as a pooler may also refuse the <c>Options</c> start-up parameter.
    /// </summary>
    public static string WithPreparedStatementsPlannedPerCall(string connectionString)
    {
        if (SetsMaxAutoPrepare(connectionString))
            return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(WithPreparedStatements(connectionString));
        builder.Options = $"{builder.Options} -c plan_cache_mode=force_custom_plan".Trim();
        return builder.ConnectionString;
    }

    private static bool SetsMaxAutoPrepare(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>().Any(IsMaxAutoPrepare);

    private static bool IsMaxAutoPrepare(string key) =>
        key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase);
}
