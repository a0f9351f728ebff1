using System.Collections.Concurrent;
using Catalog.Domain.Files;
using Marten;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>Counts the saves that tried to append an event of a kind to a file, so a test can tell a first try from a retry.</summary>
public sealed class SaveAttempts : DocumentSessionListenerBase
{
    private readonly ConcurrentDictionary<(Type Event, Guid FileId), int> attempts = new();

    public int Of<TEvent>(Guid fileId) where TEvent : IFileEvent => attempts.GetValueOrDefault((typeof(TEvent), fileId));

    public void Clear() => attempts.Clear();

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var saved = session.PendingChanges.Streams().SelectMany(s => s.Events).Select(e => e.Data).OfType<IFileEvent>()
            .Select(e => (e.GetType(), e.FileId)).Distinct();
        foreach (var key in saved)
            attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
