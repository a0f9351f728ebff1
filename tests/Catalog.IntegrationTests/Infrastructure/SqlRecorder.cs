using Marten;
using Marten.Services;
using Npgsql;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>A session logger that keeps the text of every command the session sends, to check what a query costs.</summary>
public sealed class SqlRecorder : IMartenSessionLogger
{
    private readonly List<IReadOnlyList<string>> roundTrips = [];

    public IReadOnlyList<string> Commands => [.. roundTrips.SelectMany(trip => trip)];

    /// <summary>The statements of each command or batch sent, in the order sent.</summary>
    public IReadOnlyList<IReadOnlyList<string>> RoundTrips => roundTrips;

    public void OnBeforeExecute(NpgsqlCommand command) => roundTrips.Add([command.CommandText]);

    public void OnBeforeExecute(NpgsqlBatch batch) =>
        roundTrips.Add([.. batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)]);

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogFailure(NpgsqlCommand command, Exception ex)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void LogFailure(NpgsqlBatch batch, Exception ex)
    {
    }

    public void LogFailure(Exception ex, string message)
    {
    }

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }
}
