using Npgsql;

namespace Catalog.Sync;

public static class DatabaseFailures
{
    /// <summary>Npgsql's own judgement, wherever Marten or GraphQL.NET wrapped it: connection trouble, time-outs, shutdown.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } => true,
        _ => e.InnerException is { } inner && IsTransient(inner),
    };
}
