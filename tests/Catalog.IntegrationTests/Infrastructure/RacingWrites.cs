using Catalog.Domain.Files;
using Marten;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// Lets a test land a write on a file's stream at the worst moment for another writer: after it has read the stream
/// and decided, just before it saves, as the sync's unqueued appends can.
/// </summary>
public sealed class RacingWrites : DocumentSessionListenerBase
{
    private volatile Armed? armed;

    public bool IsArmed => armed is not null;

    /// <summary>Before the next save of a download's access to <paramref name="fileId"/>.</summary>
    public void BeforeTheNextAccessOf(Guid fileId, Func<Task> write) => BeforeTheNext<FileAccessed>(fileId, write);

    /// <summary>Before the next save that appends a <typeparamref name="TEvent"/> to <paramref name="fileId"/>.</summary>
    public void BeforeTheNext<TEvent>(Guid fileId, Func<Task> write) where TEvent : IFileEvent =>
        armed = new Armed(e => e is TEvent saved && saved.FileId == fileId, write);

    public void Disarm() => armed = null;

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (armed is not { } race || !session.PendingChanges.Streams().SelectMany(s => s.Events).Any(e => race.Matches(e.Data)))
            return;
        armed = null;
        await race.Write();
    }

    private sealed record Armed(Func<object, bool> Matches, Func<Task> Write);
}
