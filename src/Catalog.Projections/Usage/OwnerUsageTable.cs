using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Catalog.Projections.Usage;

/// <summary>
/// The table behind <see cref="OwnerUsage"/>: a row per owner that commits change with an atomic increment, never by
/// reading and writing back, so concurrent commits of one owner need no lock of ours (ADR 0076).
/// </summary>
public static class OwnerUsageTable
{
    public static readonly DbObjectName Name = PostgresqlProvider.Instance.Parse($"{CatalogStore.SchemaName}.owner_usage");

    /// <summary>Adds a change to an owner's row; the row stays locked to the commit, so the commit that follows sees it whole.</summary>
    internal static readonly string Increment = $"""
        insert into {Name.QualifiedName} as u (owner_id, bytes, files) values (?, ?, ?)
        on conflict (owner_id) do update set bytes = u.bytes + excluded.bytes, files = u.files + excluded.files
        """;

    internal static Table Definition()
    {
        var table = new Table(Name);
        table.AddColumn<Guid>("owner_id").AsPrimaryKey();
        table.AddColumn<long>("bytes").NotNull();
        table.AddColumn<long>("files").NotNull();
        return table;
    }

    /// <summary>What the owner keeps, as this session's transaction sees it.</summary>
    public static async Task<OwnerUsage> OfAsync(IQuerySession session, Guid ownerId, CancellationToken ct) =>
        (await session.AdvancedSql.QueryAsync<long, long>(
            $"select row(bytes), row(files) from {Name.QualifiedName} where owner_id = ?", ct, ownerId))
        .Select(r => new OwnerUsage { Id = ownerId, Bytes = r.Item1, Files = r.Item2 }).SingleOrDefault() ?? new OwnerUsage { Id = ownerId };
}
