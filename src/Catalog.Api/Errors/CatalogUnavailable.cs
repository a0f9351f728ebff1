using Npgsql;

namespace Catalog.Api.Errors;

/// <summary>
/// The catalog's database could not be reached, did not answer in time, or is shutting down: a client may try again.
/// A change sent just then may have been committed with its answer lost, so the client is told to look first.
/// </summary>
public static class CatalogUnavailable
{
    public const string Message =
        "The catalog's database is unavailable or did not answer in time. Try again shortly; a change sent just now " +
        "may or may not have been recorded, so check before sending it again.";

    /// <summary>Npgsql's own judgement, wherever Marten or GraphQL.NET wrapped it: connection trouble, time-outs, shutdown.</summary>
    public static bool Is(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } => true,
        _ => e.InnerException is { } inner && Is(inner),
    };
}
