using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Sync.Runs;

/// <summary>
/// The work lock as one worker holds it (ADR 0031). The lock lives as long as its connection, which can die while the
/// worker goes on copying: cut by a proxy's or Postgres' idle time-out or by an admin. A worker checks its lease before
/// it records anything, so that a worker sent the same batch meanwhile is the only one to record it.
/// </summary>
public sealed class WorkLease(SyncLocks locks, NpgsqlConnection connection, ILogger logger) : IAsyncDisposable
{
    private NpgsqlConnection? held = connection;

    /// <summary>
    /// True while the lock is this worker's: its connection still answers, or it died and the lock was free to take
    /// again at once. False when another worker took it meanwhile; this worker then has lost the right to move files.
    /// </summary>
    public async Task<bool> KeepAsync(CancellationToken ct)
    {
        if (held is null)
            return false;
        try
        {
            await SyncLocks.ExecuteAsync(held, "select @key", ct);
            return true;
        }
        catch (NpgsqlException e) when (held.FullState != ConnectionState.Open)
        {
            logger.WorkLockLost(e.Message);
        }
        await held.DisposeAsync();
        held = null;
        var fresh = locks.NewConnection();
        try
        {
            await fresh.OpenAsync(ct);
            if (await SyncLocks.ExecuteAsync(fresh, "select pg_try_advisory_lock(@key)", ct) is true)
            {
                held = fresh;
                return true;
            }
        }
        catch
        {
            await fresh.DisposeAsync();
            throw;
        }
        await fresh.DisposeAsync();
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (held is not { } connection)
            return;
        try
        {
            // A pooled connection outlives Close, and so would a session lock that is not released.
            await SyncLocks.ExecuteAsync(connection, "select pg_advisory_unlock(@key)", CancellationToken.None);
        }
        catch (NpgsqlException e) when (connection.FullState != ConnectionState.Open)
        {
            // The lock ended with its connection after the work's last check, and nothing is left to release. Failing
            // now would only have the work handled again, and would hide an exception it threw itself.
            logger.WorkLockLost(e.Message);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
