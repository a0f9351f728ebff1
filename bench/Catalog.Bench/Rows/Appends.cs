using System.Diagnostics;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.Projections;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Bench.Rows;

/// <summary>
/// P4: file events appended through Marten sessions with the service's inline projections (listing and audit trail),
/// one new file stream per session as an upload does, and 100 per session; against raw INSERTs of the same event
/// bodies into a plain table, one row per transaction and 100 per transaction, with the same concurrency.
/// </summary>
public static class Appends
{
    public static async Task<RowResult> RunAsync(BenchSettings s, DocumentStore store)
    {
        await using var dataSource = NpgsqlDataSource.Create(CatalogConnection.WithPreparedStatements(s.Postgres)); // as the service connects
        await using (var create = dataSource.CreateCommand("""
            drop table if exists public.bench_raw_events;
            create table public.bench_raw_events (
              seq bigserial primary key, id uuid not null, stream_id uuid not null, type text not null,
              data jsonb not null, timestamp timestamptz not null default now());
            """))
            await create.ExecuteNonQueryAsync();

        var owner = Guid.NewGuid();
        await Marten(store, owner, 100, 1, s.Concurrency); // warm-up
        await Raw(dataSource, owner, 100, 1, s.Concurrency);

        var martenSingle = s.AppendSingles / await Marten(store, owner, s.AppendSingles, 1, s.Concurrency);
        var rawSingle = s.AppendSingles / await Raw(dataSource, owner, s.AppendSingles, 1, s.Concurrency);
        var martenBatched = s.AppendBatched / await Marten(store, owner, s.AppendBatched, s.AppendBatchSize, s.Concurrency);
        var rawBatched = s.AppendBatched / await Raw(dataSource, owner, s.AppendBatched, s.AppendBatchSize, s.Concurrency);
        // Downloads append FileAccessed to files that exist: the listing row gets a new version instead of a first one,
        // and the trail gains an entry. One event per file per session, as a download appends.
        var files = await FilesOfAsync(dataSource, owner, Math.Min(s.AppendBatched, 20_000));
        await Accesses(store, owner, files, 100, s.AppendBatchSize, s.Concurrency); // warm-up
        var accessesBatched = s.AppendBatched / await Accesses(store, owner, files, s.AppendBatched, s.AppendBatchSize, s.Concurrency);
        double eventsOnly;
        await using (var bare = BenchStore.CreateEventsOnly(s))
        {
            await Marten(bare, owner, 100, 1, s.Concurrency); // warm-up, creates its schema
            eventsOnly = s.AppendBatched / await Marten(bare, owner, s.AppendBatched, s.AppendBatchSize, s.Concurrency);
        }

        return new RowResult(
            "P4",
            $"appending FileUploaded events with inline projections, {s.Concurrency} sessions in parallel",
            $"{Stats.F(martenSingle, 0)} events/s (1 per session, as uploads do); {Stats.F(martenBatched, 0)} events/s ({s.AppendBatchSize} per session)",
            $"raw INSERT {Stats.F(rawSingle, 0)} rows/s (1 per tx); {Stats.F(rawBatched, 0)} rows/s ({s.AppendBatchSize} per tx)",
            martenBatched / rawBatched,
            "≥ 10 000 events/s",
            martenBatched >= 10_000,
            $"{s.AppendSingles:N0} single and {s.AppendBatched:N0} batched events; ratio and met? on the batched figures; single-event ratio {Stats.F(martenSingle / rawSingle, 2)}; " +
            "each event also writes its stream row, a listing document and an audit entry; " +
            "both sides connect as the service's write path does (statements prepared, plans left to Postgres: ADR 0083); " +
            $"diagnostics: FileAccessed appended to existing files (as downloads do; the listing row updated, an audit entry added), {s.AppendBatchSize} per session, {Stats.F(accessesBatched, 0)} events/s; " +
            $"the same uploads with no projection at all {Stats.F(eventsOnly, 0)} events/s (the ceiling of Marten's append path here)",
            new Dictionary<string, object?>
            {
                ["martenSinglePerSecond"] = martenSingle,
                ["rawSinglePerSecond"] = rawSingle,
                ["martenBatchedPerSecond"] = martenBatched,
                ["rawBatchedPerSecond"] = rawBatched,
                ["accessesBatchedPerSecond"] = accessesBatched,
                ["eventsOnlyBatchedPerSecond"] = eventsOnly,
            });
    }

    public static FileUploaded Event(Guid owner, Guid fileId, DateTimeOffset now) =>
        new(fileId, owner, $"bench-{fileId:N}.bin", "application/octet-stream", 4096, new string('a', 64),
            new StorageLocation("catalog-local", $"{owner:N}/{fileId:N}"), owner, now);

    /// <summary>Appends <paramref name="count"/> events, <paramref name="perSession"/> new streams per session; returns seconds.</summary>
    public static Task<double> Marten(DocumentStore store, Guid owner, int count, int perSession, int concurrency) =>
        InParallel(count, perSession, concurrency, async n =>
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = owner.ToString();
            for (var i = 0; i < n; i++)
            {
                var id = Guid.CreateVersion7();
                session.Events.StartStream<StoredFile>(id, Event(owner, id, DateTimeOffset.UtcNow));
            }
            await session.SaveChangesAsync();
        });

    /// <summary>Appends <paramref name="count"/> FileAccessed events, one per file of <paramref name="perSession"/> files per session; returns seconds.</summary>
    private static Task<double> Accesses(DocumentStore store, Guid owner, IReadOnlyList<Guid> files, int count, int perSession, int concurrency)
    {
        var next = -1;
        return InParallel(count, perSession, concurrency, async n =>
        {
            await using var session = store.LightweightSession();
            session.LastModifiedBy = owner.ToString();
            var first = Interlocked.Add(ref next, n) - n + 1;
            for (var i = 0; i < n; i++)
            {
                var file = files[(first + i) % files.Count];
                session.Events.Append(file, new FileAccessed(
                    file, owner, owner, AccessMethod.Stream, StorageTier.Local, "127.0.0.1", "bench", DateTimeOffset.UtcNow));
            }
            await session.SaveChangesAsync();
        });
    }

    /// <summary>Files this row uploaded (P3's seeded listing rows have no stream to append to).</summary>
    private static async Task<List<Guid>> FilesOfAsync(NpgsqlDataSource dataSource, Guid owner, int count)
    {
        await using var command = dataSource.CreateCommand($"select id from {CatalogStore.SchemaName}.mt_doc_filelisting where owner_id = $1 limit {count}");
        command.Parameters.AddWithValue(owner);
        await using var reader = await command.ExecuteReaderAsync();
        var files = new List<Guid>(count);
        while (await reader.ReadAsync())
            files.Add(reader.GetGuid(0));
        return files;
    }

    private static Task<double> Raw(NpgsqlDataSource dataSource, Guid owner, int count, int perTransaction, int concurrency) =>
        InParallel(count, perTransaction, concurrency, async n =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction);
            for (var i = 0; i < n; i++)
            {
                var id = Guid.CreateVersion7();
                var command = new NpgsqlBatchCommand("insert into public.bench_raw_events (id, stream_id, type, data) values ($1, $2, $3, $4)");
                command.Parameters.AddWithValue(Guid.CreateVersion7());
                command.Parameters.AddWithValue(id);
                command.Parameters.AddWithValue("file_uploaded");
                command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(Event(owner, id, DateTimeOffset.UtcNow)));
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });

    private static async Task<double> InParallel(int count, int unit, int concurrency, Func<int, Task> work)
    {
        var remaining = count;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (true)
            {
                var after = Interlocked.Add(ref remaining, -unit);
                var n = Math.Min(unit, after + unit);
                if (n <= 0)
                    return;
                await work(n);
            }
        }));
        return clock.Elapsed.TotalSeconds;
    }
}
