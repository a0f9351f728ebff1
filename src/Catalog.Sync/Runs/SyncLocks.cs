using Catalog.Sync.Locking;
using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Sync.Runs;

/// <summary>
/// Postgres advisory locks that keep every service instance in line (see ADR 0031): starting a run is serialized
/// across instances, and only one worker at a time moves files.
/// </summary>
public sealed class SyncLocks(IDocumentStore store, ILogger<SyncLocks> logger)
{
    // Arbitrary keys, fixed for this service: "SYNCSTRT" and "SYNCWORK" in ASCII.
    private const long StartKey = 0x5359_4E43_5354_5254;
    internal const long WorkKey = 0x5359_4E43_574F_524B;

    /// <summary>
    /// Opens the session's transaction and waits for the start lock, which the transaction holds until it commits:
    /// "is a run running, and if not start one" then happens on one instance at a time.
    /// </summary>
    public static Task SerializeStartsAsync(IDocumentSession session, CancellationToken ct) =>
        StreamLocks.SerializeAsync(session, StartKey, ct);

    /// <summary>
    /// The right to move files, held on a connection of its own until disposed, or until that connection dies (with
    /// its process, or cut by a time-out or an admin). Waits up to <paramref name="wait"/> (the previous batch may be
    /// releasing it); null when another worker keeps it longer.
    /// </summary>
    public async Task<WorkLease?> TakeWorkAsync(TimeSpan wait, CancellationToken ct)
    {
        var connection = NewConnection();
        try
        {
            await connection.OpenAsync(ct);
            await using (var timeout = new NpgsqlCommand($"set lock_timeout = {(int)wait.TotalMilliseconds}", connection))
                await timeout.ExecuteNonQueryAsync(ct);
            await ExecuteAsync(connection, "select pg_advisory_lock(@key)", ct);
            return new WorkLease(this, connection, logger);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await connection.DisposeAsync();
            return null;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether a worker, on any instance, holds the right to move files right now.</summary>
    public static async Task<bool> IsWorkTakenAsync(IQuerySession session, CancellationToken ct)
    {
        // A bigint advisory key shows in pg_locks as its high half in classid and its low half in objid.
        var taken = await session.AdvancedSql.QueryAsync<bool>(
            """
            select exists (select 1 from pg_locks
                           where locktype = 'advisory' and granted and objsubid = 1
                             and database = (select oid from pg_database where datname = current_database())
                             and classid = ?::oid and objid = ?::oid)
            """, ct, WorkKey >>> 32, WorkKey & 0xFFFF_FFFF);
        return taken.Single();
    }

    internal NpgsqlConnection NewConnection() => store.Storage.Database.CreateConnection();

    internal static async Task<object?> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", WorkKey);
        return await command.ExecuteScalarAsync(ct);
    }
}
