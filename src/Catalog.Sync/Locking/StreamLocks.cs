using JasperFx.Events;
using Marten;

namespace Catalog.Sync.Locking;

/// <summary>
/// Waits for a transaction-scoped Postgres advisory lock named after a stream, held until the session commits or rolls
/// back. Unlike <c>FetchForExclusiveWriting</c> (a row lock taken with NOWAIT, for streams that exist) it waits its
/// turn and works for a stream that does not exist yet, so two writers creating the same stream queue up instead of
/// one of them failing. Writers that take several locks take them in one order: upload, content, file (ADR 0018, 0076).
/// </summary>
public static class StreamLocks
{
    public static Task SerializeAsync(IDocumentSession session, Guid streamId, CancellationToken ct) =>
        SerializeAsync(session, KeyOf(streamId), ct);

    /// <summary>Opens the session's transaction and waits for the advisory lock <paramref name="key"/>, held to its end.</summary>
    public static async Task SerializeAsync(IDocumentSession session, long key, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?)", ct, key);
    }

    /// <summary>
    /// Opens the session's transaction, waits for the lock on <paramref name="streamId"/> and reads the stream for
    /// writing, in one round trip: Postgres runs the batch's statements in turn, so the read starts once the lock is held
    /// and sees every commit of the writer before (ADR 0116).
    /// </summary>
    public static async Task<IEventStream<T>> FetchLockedAsync<T>(IDocumentSession session, Guid streamId, CancellationToken ct)
        where T : class
    {
        await session.BeginTransactionAsync(ct);
        var batch = session.CreateBatchQuery();
        var locked = batch.AddItem(new AdvisoryLock(KeyOf(streamId)));
        var stream = batch.Events.FetchForWriting<T>(streamId);
        await batch.Execute(ct);
        await locked;
        return await stream;
    }

    // Two streams sharing a key mostly only wait for each other needlessly. Since a commit that holds a file's or upload's
    // lock also takes its owner's (QuotaGuard), a key shared by an owner and one of their streams could deadlock those
    // two; with random 64-bit keys that is a chance of about 2^-64, which Postgres would end as a deadlock error.
    /// <summary>The advisory lock <see cref="SerializeAsync(IDocumentSession, Guid, CancellationToken)"/> takes for <paramref name="streamId"/>.</summary>
    public static long KeyOf(Guid streamId)
    {
        Span<byte> bytes = stackalloc byte[16];
        streamId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}
