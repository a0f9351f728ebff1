using Catalog.Domain;
using Catalog.Domain.Files;
using Catalog.Sync.Locking;
using JasperFx.Events;
using Marten;

namespace Catalog.Sync.Transfer;

/// <summary>Appends a decision to a file's stream with optimistic concurrency, deciding again when the stream moved.</summary>
internal static class FileStreamWrites
{
    private const int MaxRetries = 5;

    /// <summary>
    /// Decides on the state <paramref name="stream"/> was read at and saves only if the stream is still at that
    /// version; otherwise reads it again and decides on the new state. Returns the decision that was saved.
    /// </summary>
    public static async Task<Decision> AppendAsync(
        IDocumentStore store, IDocumentSession session, IEventStream<StoredFile> stream,
        Func<StoredFile?, Decision> decide, CancellationToken ct)
    {
        var saved = await TryAppendAsync(session, stream, decide, ct);
        for (var retry = 1; saved is null; retry++)
        {
            if (retry > MaxRetries)
                throw new InvalidOperationException($"File {stream.Id} kept changing; {MaxRetries} appends lost the race.");
            await using var fresh = store.LightweightSession();
            var freshStream = await fresh.Events.FetchForWriting<StoredFile>(stream.Id, ct);
            saved = await TryAppendAsync(fresh, freshStream, decide, ct);
        }
        return saved;
    }

    public static async Task<Decision> AppendAsync(
        IDocumentStore store, Guid fileId, Func<StoredFile?, Decision> decide, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<StoredFile>(fileId, ct);
        return await AppendAsync(store, session, stream, decide, ct);
    }

    /// <summary>The saved decision, or null when another writer moved the stream first.</summary>
    private static async Task<Decision?> TryAppendAsync(
        IDocumentSession session, IEventStream<StoredFile> stream, Func<StoredFile?, Decision> decide, CancellationToken ct)
    {
        var decision = decide(stream.Aggregate);
        if (decision.IsRefused || decision.Events.Count == 0)
            return decision;
        stream.AppendMany(decision.Events);
        try
        {
            await session.SaveChangesAsync(ct);
            return decision;
        }
        catch (Exception e) when (StreamRaces.Lost(e))
        {
            return null;
        }
    }
}
