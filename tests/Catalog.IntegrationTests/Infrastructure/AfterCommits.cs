using Catalog.Domain.Files;
using Marten;
using Marten.Services;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// Runs an action right after the commit that appended an event of a kind to a file, before its writer goes on: what a
/// crash, or a store failing, just after that commit leaves behind.
/// </summary>
public sealed class AfterCommits : DocumentSessionListenerBase
{
    private volatile Armed? armed;

    public bool IsArmed => armed is not null;

    public void AfterTheNext<TEvent>(Guid fileId, Action action) where TEvent : IFileEvent =>
        armed = new Armed(e => e is TEvent committed && committed.FileId == fileId, action);

    public void Disarm() => armed = null;

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (armed is not { } after || !commit.GetEvents().Any(e => after.Matches(e.Data)))
            return Task.CompletedTask;
        armed = null;
        after.Action();
        return Task.CompletedTask;
    }

    private sealed record Armed(Func<object, bool> Matches, Action Action);
}
