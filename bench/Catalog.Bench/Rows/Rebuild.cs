using System.Diagnostics;
using Catalog.Projections.AuditTrail;
using Catalog.Projections.FileListing;
using Marten;
using Npgsql;

namespace Catalog.Bench.Rows;

/// <summary>P5: rebuilding the listing and audit projections from every event in the store with Marten's projection daemon.</summary>
public static class Rebuild
{
    public static async Task<RowResult> RunAsync(BenchSettings s, DocumentStore store)
    {
        long events;
        await using (var connection = new NpgsqlConnection(s.Postgres))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("select count(*) from catalog.mt_events", connection);
            events = (long)(await count.ExecuteScalarAsync())!;
        }

        using var daemon = await store.BuildProjectionDaemonAsync();
        var listing = await TimeAsync(() => daemon.RebuildProjectionAsync(nameof(FileListing), TimeSpan.FromMinutes(10), default));
        var audit = await TimeAsync(() => daemon.RebuildProjectionAsync(AuditTrailProjection.Name, TimeSpan.FromMinutes(10), default));
        var listingRate = events / listing;
        var auditRate = events / audit;

        return new RowResult(
            "P5",
            $"rebuilding FileListing and AuditTrail from {events:N0} events (projection daemon)",
            $"FileListing {Stats.F(listingRate, 0)} events/s, AuditTrail {Stats.F(auditRate, 0)} events/s",
            "-",
            null,
            "≥ 20 000 events/s",
            Math.Min(listingRate, auditRate) >= 20_000,
            $"FileListing {Stats.F(listing)} s, AuditTrail {Stats.F(audit)} s; the events are those of P1-P4 (one stream per file, mostly one event each)",
            new Dictionary<string, object?> { ["events"] = events, ["listingSeconds"] = listing, ["auditSeconds"] = audit });
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalSeconds;
    }
}
