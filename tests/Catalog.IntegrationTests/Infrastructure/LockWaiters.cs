using Marten;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// Who waits for a lock, from <c>pg_locks</c> rather than <c>pg_stat_activity</c>: a session inside a transaction sees
/// one cached snapshot of the latter.
/// </summary>
public static class LockWaiters
{
    /// <summary>Waits until <paramref name="count"/> sessions wait for a row a test holds; fails naming <paramref name="who"/>.</summary>
    public static async Task ForRowAsync(IQuerySession session, int count, string who)
    {
        for (var i = 0; i < 300; i++)
        {
            var waiting = (await session.AdvancedSql.QueryAsync<long>(
                "select count(*) from pg_locks where not granted and locktype in ('transactionid', 'tuple')", CancellationToken.None)).Single();
            if (waiting >= count)
                return;
            await Task.Delay(50);
        }
        Assert.Fail($"Fewer than {count} {who} ever waited for the row.");
    }

    /// <summary>How many sessions of this database wait for the advisory lock <paramref name="key"/> (a bigint key).</summary>
    public static async Task<long> OnAdvisoryAsync(IQuerySession session, long key) =>
        (await session.AdvancedSql.QueryAsync<long>(
            """
            select count(*) from pg_locks where not granted and locktype = 'advisory' and objsubid = 1
              and database = (select oid from pg_database where datname = current_database())
              and classid::bigint = ((?::bigint >> 32) & 4294967295) and objid::bigint = (?::bigint & 4294967295)
            """, CancellationToken.None, key, key)).Single();

    /// <summary>How many sessions of this database wait for an advisory lock.</summary>
    public static async Task<long> OnAdvisoryAsync(IQuerySession session) =>
        (await session.AdvancedSql.QueryAsync<long>(
            """
            select count(*) from pg_locks where not granted and locktype = 'advisory'
              and database = (select oid from pg_database where datname = current_database())
            """, CancellationToken.None)).Single();
}
