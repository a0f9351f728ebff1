using System.Data.Common;
using Catalog.Projections.OpenUploads;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
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
    private static string UsageOfOwner(string owner) =>
        $"select bytes, files from {OwnerUsageTable.Name.QualifiedName} where owner_id = {owner}";

    private static string OpenOfOwner(string owner, string expiredBefore) =>
        $"select count(*), coalesce(sum((data ->> '{nameof(OpenUpload.Size)}')::bigint), 0)::bigint " +
        $"from {CatalogStore.SchemaName}.mt_doc_{nameof(OpenUpload).ToLowerInvariant()} " +
        $"where owner_id = {owner} and (data ->> '{nameof(OpenUpload.ExpiresAt)}')::timestamptz > {expiredBefore}";

    private static readonly string Both = $"""
        select coalesce(u.bytes, 0), coalesce(u.files, 0), o.count, o.sum
        from ({OpenOfOwner("$1", "$2")}) as o(count, sum) left join ({UsageOfOwner("$1")}) as u on true
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
    /// For a commit's own batch, after its writes: the owner's usage, then a wait for the advisory lock
    /// <paramref name="ownerLock"/>, then, when <paramref name="expiredBefore"/> is given, the open uploads. Postgres runs
    /// a batch's statements in turn and each takes its snapshot when it starts, so the open uploads are read as they are
    /// once the lock is held, as if each statement had been sent on its own. Read the answers with
    /// <see cref="ReadInCommitAsync"/>.
    /// </summary>
    public static void AppendInCommit(ICommandBuilder builder, Guid ownerId, long ownerLock, DateTimeOffset? expiredBefore)
    {
        // The builder's parameters start out as text: each is given its type.
        Set(builder.AppendWithParameters(UsageOfOwner("?"), '?')[0], NpgsqlDbType.Uuid, ownerId);
        builder.StartNewCommand();
        Set(builder.AppendWithParameters("select pg_advisory_xact_lock(?)", '?')[0], NpgsqlDbType.Bigint, ownerLock);
        if (expiredBefore is not { } before)
            return;
        builder.StartNewCommand();
        var open = builder.AppendWithParameters(OpenOfOwner("?", "?"), '?');
        Set(open[0], NpgsqlDbType.Uuid, ownerId);
        Set(open[1], NpgsqlDbType.TimestampTz, before.ToUniversalTime());
    }

    private static void Set(NpgsqlParameter parameter, NpgsqlDbType type, object value)
    {
        parameter.NpgsqlDbType = type;
        parameter.Value = value;
    }

    /// <summary>The answers to <see cref="AppendInCommit"/>, the reader at the first of them; leaves it at the last.</summary>
    public static async Task<(UsageSums Usage, OpenUploadSums? Open)> ReadInCommitAsync(DbDataReader reader, bool withOpen, CancellationToken ct)
    {
        var usage = await reader.ReadAsync(ct) ? new UsageSums(reader.GetInt64(0), reader.GetInt64(1)) : new UsageSums(0, 0);
        await reader.NextResultAsync(ct);
        if (!withOpen)
            return (usage, null);
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return (usage, new OpenUploadSums((int)reader.GetInt64(0), reader.GetInt64(1)));
    }

    private static NpgsqlParameter Owner(Guid ownerId) => new() { Value = ownerId };

    private static NpgsqlParameter Time(DateTimeOffset at) => new() { Value = at.ToUniversalTime() };
}
