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

    public const string RolledBackMessage =
        "The catalog's database gave up the change to settle a conflict with a concurrent one (a deadlock, a " +
        "serialization failure or a lock it could not take); nothing was recorded. Try again.";

    /// <summary>A transient failure the server answered by rolling the transaction back: its outcome is known.</summary>
    public static string MessageFor(Exception e) =>
        RolledBack(e) ? RolledBackMessage : Message;

    private static bool RolledBack(Exception e) => e switch
    {
        PostgresException { SqlState: var state } when state.StartsWith("40", StringComparison.Ordinal) ||
                                                       state == PostgresErrorCodes.LockNotAvailable => true,
        _ => e.InnerException is { } inner && RolledBack(inner),
    };

    /// <summary>Npgsql's own judgement, wherever Marten or GraphQL.NET wrapped it: connection trouble, time-outs, shutdown.</summary>
    public static bool Is(Exception e) => Catalog.Sync.DatabaseFailures.IsTransient(e);
}
