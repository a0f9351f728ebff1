using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Catalog.Domain.Files;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Marten.Internal.Storage;
using Npgsql;

namespace Catalog.Projections.Rebuilds;

/// <summary>
/// Replaces every row of one projection's table in one transaction (ADR 0072): lock the table, drop its secondary
/// indexes, empty it, bulk-copy the rows built from the events, create the same indexes again, commit. Readers and
/// writers of the table wait for the commit, then see the rebuilt rows; a failure or cancellation leaves the old ones.
/// </summary>
internal static class TableRebuild
{
    private const int RowsPerCopy = 5_000;

    /// <summary>Every event type of a file's stream.</summary>
    public static readonly Type[] FileEventTypes = typeof(IFileEvent).Assembly.GetTypes()
        .Where(t => t.IsAssignableTo(typeof(IFileEvent)) && t is { IsInterface: false, IsAbstract: false })
        .ToArray();

    /// <summary>Every event of every file's stream: the only events the listing and the trail are built from.</summary>
    public static IQueryable<IEvent> FileEvents(IQuerySession session) => EventsOf(session, FileEventTypes);

    public static IQueryable<IEvent> EventsOf(IQuerySession session, Type[] eventTypes) =>
        session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(eventTypes));

    /// <summary>
    /// One document per stream of <paramref name="events"/>, folded by the projection registered for
    /// <typeparamref name="TDoc"/> itself, so the rows are those its inline projection writes.
    /// </summary>
    public static async IAsyncEnumerable<TDoc> StreamAggregates<TDoc>(
        IQuerySession session, IQueryable<IEvent> events, [EnumeratorCancellation] CancellationToken ct) where TDoc : class
    {
        var aggregator = ((StoreOptions)session.DocumentStore.Options).Projections.AggregatorFor<TDoc>();
        var stream = new List<IEvent>();
        await foreach (var e in events.OrderBy(e => e.StreamId).ThenBy(e => e.Version).ToAsyncEnumerable(ct))
        {
            if (stream.Count > 0 && stream[0].StreamId != e.StreamId)
            {
                if (await aggregator.BuildAsync(stream, session, default, ct) is { } built)
                    yield return built;
                stream.Clear();
            }
            stream.Add(e);
        }
        if (stream.Count > 0 && await aggregator.BuildAsync(stream, session, default, ct) is { } last)
            yield return last;
    }

    public static async Task<long> RunAsync<TDoc>(IDocumentStore store,
        Func<IQuerySession, CancellationToken, IAsyncEnumerable<TDoc>> rows, IProgress<long>? progress, CancellationToken ct)
        where TDoc : notnull
    {
        var table = store.Options.Schema.For<TDoc>();
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await BeginHoldingAsync(connection, table, ct);

        await ExecuteAsync(connection, "set local maintenance_work_mem = '256MB'", ct);
        var indexes = await SecondaryIndexesAsync(connection, table, ct);
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"drop index {name}", ct);
        await ExecuteAsync(connection, $"truncate {table}", ct);

        // The events are read on a connection of their own, opened after the lock: every commit that touched this
        // table before it is visible, and every later one waits for this transaction.
        await using var reader = store.QuerySession();
        var written = await CopyAsync(store, connection, rows(reader, ct), progress, ct);

        foreach (var (_, definition) in indexes)
            await ExecuteAsync(connection, definition, ct);
        await transaction.CommitAsync(ct);
        return written;
    }

    /// <summary>
    /// Copies the rows in chunks while the next chunk is read and folded, so that the client's work and Postgres's
    /// each keep a core busy; at most two chunks wait in between.
    /// </summary>
    private static async Task<long> CopyAsync<TDoc>(IDocumentStore store, NpgsqlConnection connection,
        IAsyncEnumerable<TDoc> rows, IProgress<long>? progress, CancellationToken ct) where TDoc : notnull
    {
        var loader = ((MartenDocumentProvider<TDoc>)store.Storage.Database.Providers.StorageFor<TDoc>()).BulkLoader;
        var tenant = store.Options.Tenancy.Default;
        var serializer = store.Options.Serializer();
        var chunks = Channel.CreateBounded<List<TDoc>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ChunkAsync(rows, chunks.Writer, stop.Token), CancellationToken.None);
        long written = 0;
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(stop.Token))
            {
                await loader.LoadAsync(tenant, serializer, connection, chunk, stop.Token);
                written += chunk.Count;
                progress?.Report(written);
            }
            return written;
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }
    }

    private static async Task ChunkAsync<TDoc>(IAsyncEnumerable<TDoc> rows, ChannelWriter<List<TDoc>> chunks, CancellationToken ct)
    {
        try
        {
            var chunk = new List<TDoc>(RowsPerCopy);
            await foreach (var row in rows.WithCancellation(ct))
            {
                chunk.Add(row);
                if (chunk.Count < RowsPerCopy)
                    continue;
                await chunks.WriteAsync(chunk, ct);
                chunk = new List<TDoc>(RowsPerCopy);
            }
            if (chunk.Count > 0)
                await chunks.WriteAsync(chunk, ct);
            chunks.Complete();
        }
        catch (Exception e)
        {
            chunks.Complete(e);
        }
    }

    /// <summary>Indexes that back no constraint (the primary key stays): qualified name, and the DDL that creates it again.</summary>
    private static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(NpgsqlConnection connection,
        string table, CancellationToken ct)
    {
        const string sql = """
            select x.indexrelid::regclass::text, pg_get_indexdef(x.indexrelid)
            from pg_index x
            where x.indrelid = @table::regclass
              and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
            order by 1
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync(ct))
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        return indexes;
    }

    /// <summary>
    /// Begins a transaction that holds <paramref name="table"/> exclusively. A lock request waits for every transaction
    /// that holds the table, and every later reader and writer of the table waits behind the request, so one long reader
    /// (an export read slowly) would stop every writer for as long as it reads. Each attempt waits at most
    /// <see cref="LockAttempt"/>, and the next one comes after as long again, so the rebuild waits instead of them.
    /// </summary>
    internal static async Task<NpgsqlTransaction> BeginHoldingAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        while (true)
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            try
            {
                await ExecuteAsync(connection, $"""
                    set local lock_timeout = '{LockAttempt.TotalMilliseconds}ms';
                    lock table {table} in access exclusive mode;
                    set local lock_timeout to default
                    """, ct);
                return transaction;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                await transaction.DisposeAsync();
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }
            await Task.Delay(LockAttempt, ct);
        }
    }

    /// <summary>How long one attempt to take a table waits for its holders (ADR 0072).</summary>
    internal static readonly TimeSpan LockAttempt = TimeSpan.FromMilliseconds(500);

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        // Index builds over a large table outlast Npgsql's 30 s default; the caller's token bounds the whole rebuild.
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
