using Catalog.Domain.Files;
using Marten;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// Lets a test land a write on a file's stream at the worst moment for a download: after the download has read the
/// stream and decided, just before it saves its access, as the sync's unqueued appends can.
/// </summary>
public sealed class RacingWrites : DocumentSessionListenerBase
{
    private volatile Armed? armed;

    public bool IsArmed => armed is not null;

    public void BeforeTheNextAccessOf(Guid fileId, Func<Task> write) => armed = new Armed(fileId, write);

    public void Disarm() => armed = null;

    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (armed is not { } race
            || !session.PendingChanges.Streams().SelectMany(s => s.Events).Any(e => e.Data is FileAccessed a && a.FileId == race.FileId))
            return;
        armed = null;
        await race.Write();
    }

    private sealed record Armed(Guid FileId, Func<Task> Write);
}
