using System.Data.Common;
using Marten.Linq.QueryHandlers;
using NpgsqlTypes;
using Weasel.Postgresql;
using IStorageSession = Weasel.Storage.IStorageSession;

namespace Catalog.Sync.Locking;

/// <summary>A wait for a transaction-scoped advisory lock, as one item of a Marten batch query.</summary>
internal sealed class AdvisoryLock(long key) : IQueryHandler<bool>
{
    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        var parameter = builder.AppendWithParameters("select pg_advisory_xact_lock(?)", '?')[0];
        parameter.NpgsqlDbType = NpgsqlDbType.Bigint;
        parameter.Value = key;
    }

    public Task<bool> HandleAsync(DbDataReader reader, IStorageSession session, CancellationToken token) => Task.FromResult(true);

    public Task<int> StreamJson(Stream stream, DbDataReader reader, CancellationToken token) =>
        throw new NotSupportedException("A lock has no JSON to stream.");
}
