using Catalog.Projections.OpenUploads;
using Marten;
using Npgsql;
using OpenUploadSums = Catalog.Domain.Files.OpenUploads;
using UsageSums = Catalog.Domain.Files.Usage;

namespace Catalog.Projections.Usage;

/// <summary>
/// What an owner's quota checks read: what they keep (<see cref="OwnerUsage"/>) and the room their open direct uploads
/// hold (ADR 0017), in one round trip. Open uploads count only while they expire after the given time: one whose expiry
/// is stuck in the dead letters must not hold its room for good.
/// </summary>
public static class RoomTaken
{
    private static readonly string UsageOfOwner =
        $"select bytes, files from {OwnerUsageTable.Name.QualifiedName} where owner_id = $1";

    private static readonly string OpenOfOwner =
        $"select count(*), coalesce(sum((data ->> '{nameof(OpenUpload.Size)}')::bigint), 0)::bigint " +
        $"from {CatalogStore.SchemaName}.mt_doc_{nameof(OpenUpload).ToLowerInvariant()} " +
        $"where owner_id = $1 and (data ->> '{nameof(OpenUpload.ExpiresAt)}')::timestamptz > $2";

    private static readonly string Both = $"""
        select coalesce(u.bytes, 0), coalesce(u.files, 0), o.count, o.sum
        from ({OpenOfOwner}) as o(count, sum) left join ({UsageOfOwner}) as u on true
        """;

    /// <summary>Both, from one snapshot of the session's connection.</summary>
    public static async Task<(UsageSums Usage, OpenUploadSums Open)> OfAsync(
        IQuerySession session, Guid ownerId, DateTimeOffset expiredBefore, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Both) { Parameters = { Owner(ownerId), Time(expiredBefore) } };
        await using var reader = await session.ExecuteReaderAsync(command, ct);
        await reader.ReadAsync(ct);
        return (new UsageSums(reader.GetInt64(0), reader.GetInt64(1)), new OpenUploadSums((int)reader.GetInt64(2), reader.GetInt64(3)));
    }

    /// <summary>
    /// Inside a commit's transaction: the owner's usage, then a wait for the advisory lock <paramref name="ownerLock"/>,
    /// then, when <paramref name="expiredBefore"/> is given, the open uploads, sent as one batch. Postgres runs a
    /// batch's statements in turn and each takes its snapshot when it starts, so the open uploads are read as they are
    /// once the lock is held, as if each statement had been sent on its own.
    /// </summary>
    public static async Task<(UsageSums Usage, OpenUploadSums? Open)> InCommitAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid ownerId, long ownerLock, DateTimeOffset? expiredBefore,
        CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(UsageOfOwner) { Parameters = { Owner(ownerId) } },
                new NpgsqlBatchCommand("select pg_advisory_xact_lock($1)") { Parameters = { new() { Value = ownerLock } } },
            },
        };
        if (expiredBefore is { } before)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(OpenOfOwner) { Parameters = { Owner(ownerId), Time(before) } });

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var usage = await reader.ReadAsync(ct) ? new UsageSums(reader.GetInt64(0), reader.GetInt64(1)) : new UsageSums(0, 0);
        await reader.NextResultAsync(ct);
        if (expiredBefore is null)
            return (usage, null);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return (usage, new OpenUploadSums((int)reader.GetInt64(0), reader.GetInt64(1)));
    }

    private static NpgsqlParameter Owner(Guid ownerId) => new() { Value = ownerId };

    private static NpgsqlParameter Time(DateTimeOffset at) => new() { Value = at.ToUniversalTime() };
}
