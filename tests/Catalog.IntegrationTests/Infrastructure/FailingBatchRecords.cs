using Catalog.Domain.Sync;
using Marten;
using Npgsql;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// Fails the next commit that would record a sync batch, before anything of it is written, as a dropped connection
/// does; the batch's file records, committed before it, stay.
/// </summary>
public sealed class FailingBatchRecords : DocumentSessionListenerBase
{
    private volatile bool armed;

    public bool Armed => armed;

    public void FailTheNext() => armed = true;

    public void Disarm() => armed = false;

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (!armed || !session.PendingChanges.Streams().SelectMany(s => s.Events).Any(e => e.Data is SyncBatchCompleted))
            return Task.CompletedTask;
        armed = false;
        throw new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
    }
}
