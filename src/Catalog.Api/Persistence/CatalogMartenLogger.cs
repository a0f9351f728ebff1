using Catalog.Sync.Locking;
using Marten;
using Marten.Services;
using Npgsql;

namespace Catalog.Api.Persistence;

/// <summary>
/// Marten's statement log, without the values of the statements' parameters: they hold event data such as client IPs,
/// user agents and deletion reasons, which do not belong in a log. A statement refused by a unique constraint (a lost
/// optimistic-concurrency race, a name taken meanwhile) is something its caller handles, answering CONFLICT or trying
/// again, so it is logged as information, not as an error of the service. A statement its caller cancelled (a client
/// that left) is no failure at all.
/// </summary>
public sealed partial class CatalogMartenLogger(ILogger<CatalogMartenLogger> logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    // A first start creates the whole schema: some 800 lines of DDL, which an operator needs counted, not read.
    public void SchemaChange(string sql)
    {
        var lines = sql.AsSpan().TrimEnd('\n').Count('\n') + 1;
        SchemaChanged(lines);
        SchemaChangeSql(sql);
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failure(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) =>
        Failure(ex, string.Join(Environment.NewLine, batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    public void LogFailure(Exception ex, string message) => Failure(ex, message);

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    private void Failure(Exception ex, string sql)
    {
        if (ex is OperationCanceledException)
        {
            // The caller gave up (a client left, a request ended): nothing failed.
            Cancelled();
            return;
        }
        if (!Handled(ex))
        {
            Failed(ex, sql);
            return;
        }
        var constraint = Constraint(ex);
        Refused(constraint);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated the database schema ({Lines} lines of SQL, written at Debug level)")]
    private partial void SchemaChanged(int lines);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Executed schema update SQL:\n{Sql}")]
    private partial void SchemaChangeSql(string sql);

    [LoggerMessage(Level = LogLevel.Information, Message = "A statement was refused by {Constraint}; its caller handles that")]
    private partial void Refused(string constraint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A statement was cancelled by its caller")]
    private partial void Cancelled();

    [LoggerMessage(Level = LogLevel.Error, Message = "Marten failed executing\n{Sql}")]
    private partial void Failed(Exception exception, string sql);

    private static bool Handled(Exception ex) =>
        StreamRaces.Lost(ex) || ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    private static string Constraint(Exception ex) =>
        ex is PostgresException { ConstraintName: { } name } ? name : ex.GetType().Name;
}
