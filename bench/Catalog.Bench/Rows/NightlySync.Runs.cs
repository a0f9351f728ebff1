using System.Diagnostics;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Storage;
using Marten;

namespace Catalog.Bench.Rows;

public static partial class NightlySync
{
    /// <summary>A new owner's small and large files, stored in the local tier and recorded as uploaded.</summary>
    private static async Task<(Guid Owner, long Bytes, double Seconds)> SeedAsync(BenchSettings s, DocumentStore store, LocalTier local, ApiClient client)
    {
        var (owner, _) = await client.SignUpAsync();
        var seeding = Stopwatch.StartNew();
        var bytes = await SyncSeed.SmallAsync(store, local, owner, s.SyncSmallFiles, s.SyncSmallBytes)
                    + await SyncSeed.LargeAsync(store, local, owner, s.SyncLargeFiles, s.SyncLargeBytes, s.WorkDirectory);
        return (owner, bytes, seeding.Elapsed.TotalSeconds);
    }

    /// <summary>One timed sync run, which must have copied every file of <paramref name="owner"/> and nothing else.</summary>
    private static async Task<(double Seconds, JsonElement Run, CpuUse Cpu, PeakMemory Memory)> OursAsync(
        BenchSettings s, ApiClient client, string token, ApiProcess api, CpuMeter meter, DocumentStore store, Rclone rclone,
        CloudTier cloud, Guid owner, (long Files, long Bytes) expected)
    {
        await DiskFlush.RunAsync();
        var memory = new PeakMemory(api);
        var ((seconds, run), cpu) = await meter.MeasureAsync(() => AdminSync.RunAsync(client, token, s.SyncTimeLimit));
        await memory.DisposeAsync();
        Expect("the run's synced files and bytes", (run.Long("filesSynced"), run.Long("bytes")), expected);
        Expect("the run's failed files", run.Long("filesFailed"), 0L);
        await using (var query = store.QuerySession())
            Expect("files listed in both tiers", await query.Query<FileListing>()
                .CountAsync(f => f.OwnerId == owner && f.Tier == StorageTier.LocalAndCloud), expected.Files);
        Expect("our cloud copies", await rclone.SizeAsync($"cloud:{cloud.Bucket}/{owner}"), expected);
        return (seconds, run, cpu, memory);
    }
}
