using Marten;

namespace Catalog.Sync.Transfer;

/// <summary>
/// Which of many file streams moved since they were read, in one query of Marten's stream table. Files' streams are
/// keyed by Guid in one tenant (no conjoined tenancy, no archived partitions), so an id is one row.
/// </summary>
internal static class StreamVersions
{
    public static async Task<HashSet<Guid>> MovedSinceAsync(IDocumentStore store, IEnumerable<(Guid Id, long Version)> read, CancellationToken ct)
    {
        var wasRead = read.ToDictionary(r => r.Id, r => r.Version);
        if (wasRead.Count == 0)
            return [];
        await using var session = store.QuerySession();
        var now = (await session.AdvancedSql.QueryAsync<Guid, long>(
                $"select row(id), row(version) from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any(?)",
                ct, wasRead.Keys.ToArray()))
            .ToDictionary(r => r.Item1, r => r.Item2);
        // A stream gone (0) moved too: the file is decided again, and its NotFound removes the copy.
        return [.. wasRead.Where(r => now.GetValueOrDefault(r.Key) != r.Value).Select(r => r.Key)];
    }
}
