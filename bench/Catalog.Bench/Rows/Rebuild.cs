using System.Diagnostics;
using Catalog.Domain.Files;
using Catalog.Projections.AuditTrail;
using Catalog.Projections.FileListing;
using Marten;
using Marten.Events;
using Npgsql;

namespace Catalog.Bench.Rows;

/// <summary>
/// P5: rebuilding the listing and audit projections from every event in the store, the way the service does it (the
/// whole table in one transaction, ADR 0072), and with Marten's projection daemon for comparison.
/// </summary>
public static class Rebuild
{
    private const int Runs = 3;

    public static async Task<RowResult> RunAsync(BenchSettings s, DocumentStore store)
    {
        long events, streams;
        var byType = new List<string>();
        await using (var connection = new NpgsqlConnection(s.Postgres))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("select count(*) from catalog.mt_events", connection);
            events = (long)(await count.ExecuteScalarAsync())!;
            await using var countStreams = new NpgsqlCommand("select count(*) from catalog.mt_streams", connection);
            streams = (long)(await countStreams.ExecuteScalarAsync())!;
            await using var types = new NpgsqlCommand("select type, count(*) from catalog.mt_events group by type order by count(*) desc", connection);
            await using var reader = await types.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                byType.Add($"{reader.GetString(0)} {reader.GetInt64(1):N0}");
        }

        // The rate counts the events a rebuild reads, those of file streams (TableRebuild.FileEvents), not the content
        // and user streams' events beside them in the store.
        var fileEventTypes = typeof(IFileEvent).Assembly.GetTypes()
            .Where(t => t.IsAssignableTo(typeof(IFileEvent)) && t is { IsInterface: false, IsAbstract: false }).ToArray();
        long fileEvents;
        await using (var session = store.QuerySession())
            fileEvents = await session.Events.QueryAllRawEvents().Where(e => e.EventTypesAre(fileEventTypes)).LongCountAsync();

        // The first rebuild in a process also pays for JIT and for Marten setting up its storage of the types; a service
        // that has been serving has paid that already. It is reported, not timed into the rate.
        var firstListing = await Stats.SecondsAsync(() => FileListingRebuild.RunAsync(store, null, default));
        var firstAudit = await Stats.SecondsAsync(() => AuditTrailRebuild.RunAsync(store, null, default));
        var listingRuns = new List<double>();
        var auditRuns = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            listingRuns.Add(await Stats.SecondsAsync(() => FileListingRebuild.RunAsync(store, null, default)));
            auditRuns.Add(await Stats.SecondsAsync(() => AuditTrailRebuild.RunAsync(store, null, default)));
        }
        var listing = Stats.Median(listingRuns);
        var audit = Stats.Median(auditRuns);
        var listingRate = fileEvents / listing;
        var auditRate = fileEvents / audit;

        using var daemon = await store.BuildProjectionDaemonAsync();
        var daemonListing = await Stats.SecondsAsync(() => daemon.RebuildProjectionAsync(nameof(FileListing), TimeSpan.FromMinutes(10), default));
        var daemonAudit = await Stats.SecondsAsync(() => daemon.RebuildProjectionAsync(AuditTrailProjection.Name, TimeSpan.FromMinutes(10), default));

        return new RowResult(
            "P5",
            $"rebuilding FileListing and AuditTrail from {fileEvents:N0} file events (each table replaced in one transaction)",
            $"FileListing {Stats.F(listingRate, 0)} events/s, AuditTrail {Stats.F(auditRate, 0)} events/s",
            "-",
            null,
            "≥ 20 000 events/s",
            Math.Min(listingRate, auditRate) >= 20_000,
            $"median of {Runs} after a first rebuild each: FileListing {Stats.F(listing)} s (runs {string.Join(", ", listingRuns.Select(r => Stats.F(r)))}; first {Stats.F(firstListing)} s), " +
            $"AuditTrail {Stats.F(audit)} s (runs {string.Join(", ", auditRuns.Select(r => Stats.F(r)))}; first {Stats.F(firstAudit)} s); " +
            "each table locked, its secondary indexes dropped, the rows built from the events and bulk-copied, the indexes built again, one commit (ADR 0072); " +
            $"Marten's projection daemon, row by row, for comparison: FileListing {Stats.F(fileEvents / daemonListing, 0)} file events/s ({Stats.F(daemonListing)} s), AuditTrail {Stats.F(fileEvents / daemonAudit, 0)} file events/s ({Stats.F(daemonAudit)} s); " +
            $"the events are those of P1-P4: {fileEvents:N0} of the {events:N0} in the store are file events, the rest are content and user streams' events that neither rebuild reads; " +
            $"{streams:N0} streams (one per file, plus content and user streams): {string.Join(", ", byType)}",
            new Dictionary<string, object?>
            {
                ["events"] = events, ["fileEvents"] = fileEvents, ["listingSeconds"] = listing, ["auditSeconds"] = audit,
                ["listingRuns"] = listingRuns, ["auditRuns"] = auditRuns,
                ["firstListingSeconds"] = firstListing, ["firstAuditSeconds"] = firstAudit,
                ["daemonListingSeconds"] = daemonListing, ["daemonAuditSeconds"] = daemonAudit,
            });
    }
}
