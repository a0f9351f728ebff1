using Catalog.Domain.Files;
using Marten;
using Marten.Services;
using Npgsql;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// Makes the commit of one armed file name fail after Postgres has written it, as a connection dropped before the
/// commit's answer arrives does: the caller's <c>SaveChangesAsync</c> throws Npgsql's time-out, and the data is there.
/// </summary>
public sealed class LostCommitReplies : DocumentSessionListenerBase
{
    private volatile string? armedName;

    /// <summary>The name still waiting for its commit; null once a commit's reply was lost.</summary>
    public string? ArmedName => armedName;

    public void LoseTheReplyToUploadOf(string fileName) => armedName = fileName;

    public void Disarm() => armedName = null;

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var name = armedName;
        if (name is null || !commit.GetEvents().Any(e => e.Data is FileUploaded uploaded && uploaded.OriginalName == name))
            return Task.CompletedTask;
        armedName = null;
        throw new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
    }
}
