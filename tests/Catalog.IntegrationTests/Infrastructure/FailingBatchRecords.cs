using Catalog.Domain.Sync;
using Marten;
using Marten.Services;
using Npgsql;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// Fails the next commit that would record a sync batch, as a dropped connection does: either before anything of it is
/// written (the batch's file records, committed before it, stay), or after Postgres wrote it, so the handler never
/// hears that it landed.
/// </summary>
public sealed class FailingBatchRecords : DocumentSessionListenerBase
{
    private volatile bool armed;
    private volatile bool replyArmed;

    public bool Armed => armed || replyArmed;

    public void FailTheNext() => armed = true;

    public void LoseTheNextReply() => replyArmed = true;

    public void Disarm() => armed = replyArmed = false;

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (!armed || !session.PendingChanges.Streams().SelectMany(s => s.Events).Any(e => e.Data is SyncBatchCompleted))
            return Task.CompletedTask;
        armed = false;
        throw TimedOut();
    }

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (!replyArmed || !commit.GetEvents().Any(e => e.Data is SyncBatchCompleted))
            return Task.CompletedTask;
        replyArmed = false;
        throw TimedOut();
    }

    private static NpgsqlException TimedOut() =>
        new("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
}
