using Catalog.Projections.Rebuilds;
using JasperFx.Events;
using Marten.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Projections.Usage;

/// <summary>
/// Replaces every owner's usage row with the sums of the file events, in one transaction that holds the table: commits
/// that change usage wait for it and then add to the rebuilt rows, and a failure leaves the old rows (ADR 0076).
/// </summary>
public static class OwnerUsageRebuild
{
    /// <summary>Rebuilds the table; returns how many owners have a row.</summary>
    public static Task<int> RunAsync(IDocumentStore store, CancellationToken ct) => ReplaceAsync(store, onlyWhenEmpty: false, ct);

    /// <summary>
    /// Fills the table when it has no row although events were recorded: a database from before it. Returns how many
    /// owners got a row (0 when there was nothing to do).
    /// </summary>
    public static async Task<int> FillIfEmptyAsync(IDocumentStore store, CancellationToken ct)
    {
        // Plain Npgsql: every start asks before it is ready, and Marten's query path, cold, would cost start-up time (P7).
        var hasRowsOrNoEvents = $"""
            select exists (select 1 from {OwnerUsageTable.Name.QualifiedName})
                or not exists (select 1 from {store.Options.Events.DatabaseSchemaName}.mt_events)
            """;
        await using (var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            if (await IsTrueAsync(connection, null, hasRowsOrNoEvents, ct))
                return 0;
        }
        return await ReplaceAsync(store, onlyWhenEmpty: true, ct);
    }

    private static async Task<int> ReplaceAsync(IDocumentStore store, bool onlyWhenEmpty, CancellationToken ct)
    {
        var table = OwnerUsageTable.Name.QualifiedName;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await TableRebuild.BeginHoldingAsync(connection, table, ct);
        if (onlyWhenEmpty && await IsTrueAsync(connection, transaction, $"select exists (select 1 from {table})", ct))
            return 0; // another instance filled it first
        await TableRebuild.ExecuteAsync(connection, $"truncate {table}", ct);

        // Read on a connection of their own, opened after the lock: every commit that changed usage before it is
        // visible, and every later one waits for this transaction.
        var totals = new SortedDictionary<Guid, (long Bytes, long Files)>();
        await using (var reader = store.QuerySession())
        {
            await foreach (var e in reader.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(OwnerUsageProjection.EventTypes))
                               .ToAsyncEnumerable(ct))
                OwnerUsageProjection.Add(totals, e.Data);
        }

        await using (var copy = await connection.BeginBinaryImportAsync($"copy {table} (owner_id, bytes, files) from stdin (format binary)", ct))
        {
            foreach (var (owner, usage) in totals)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(owner, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(usage.Bytes, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(usage.Files, NpgsqlDbType.Bigint, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return totals.Count;
    }

    private static async Task<bool> IsTrueAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
