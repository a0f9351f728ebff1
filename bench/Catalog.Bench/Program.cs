using Catalog.Bench;
using Catalog.Bench.Rows;
using Catalog.Sync.Storage;
using Microsoft.Extensions.DependencyInjection;

// Runs every row against the servers and the API build that scripts/bench.sh prepared, then writes the report.
var settings = BenchSettings.FromEnvironment();
var only = Environment.GetEnvironmentVariable("BENCH_ROWS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
bool Wanted(string id) => only is null || only.Contains(id, StringComparer.OrdinalIgnoreCase);
var results = new List<RowResult>();

async Task Row(string id, string what, string target, Func<Task<RowResult>> run)
{
    if (!Wanted(id))
        return;
    Console.WriteLine($"[bench] {id}: {what}");
    MachineSpeed? before = null;
    RowResult result;
    try
    {
        await DiskFlush.RunAsync();
        before = MachineSpeed.Measure();
        result = await run();
        Console.WriteLine($"[bench] {id}: {result.Ours} | {result.Baseline} | met: {result.Met}");
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"[bench] {id} failed: {e}");
        result = RowResult.Failed(id, what, target, e);
    }
    results.Add(before is null ? result : result with { Speed = new RowSpeed(before, MachineSpeed.Measure()) });
}

// Cold starts first: each one is a process of its own on the same database, so no other API may run meanwhile.
await Row("P7", "cold start to ready", "≤ 3 s", () => ColdStart.RunAsync(settings));

var (storageServices, rawTier) = RawStorage.Create(settings);
await using (storageServices)
{
    if (Wanted("P1") || Wanted("P1b") || Wanted("P2") || Wanted("P3") || Wanted("P8"))
    {
        await using var api = await ApiProcess.StartAsync(settings, Path.Combine(settings.WorkDirectory, "api.log"));
        using var client = new ApiClient(api.Url);
        await Row("P1", "one large upload", "≥ 0.8×, RSS growth ≤ 100 MiB", () => LargeUpload.RunAsync(settings, api, client, rawTier));
        await Row("P1b", "one 5 GiB upload", "RSS growth ≤ 100 MiB", () => HugeUpload.RunAsync(settings, api, client, rawTier));
        await Row("P2", "small uploads", "≥ 0.5× throughput", () => SmallUploads.RunAsync(settings, api, client, rawTier));
        await Row("P8", "subscription fan-out", "p99 ≤ 100 ms", () => FanOut.RunAsync(settings, api, client));
        await using var listingStore = BenchStore.Create(settings);
        await Row("P3", "files(first: 50)", "p99 ≤ 15 ms server-side, ≤ 2× raw SQL (ratio ≥ 0.5)", () => Listing.RunAsync(settings, api, client, listingStore));
    }

    // The sync runs on an API process and a database of its own, so it moves only the files it seeded.
    await Row("P6", "nightly sync vs rclone copy", "≤ 1.0× rclone's wall time (ratio ≥ 1.0), RSS growth ≤ 200 MiB",
        () => NightlySync.RunAsync(settings, rawTier, storageServices.GetRequiredService<CloudTier>()));
}

// Appends and rebuilds measure Marten alone: the API is stopped so its live feed does not share the two cores.
if (Wanted("P4") || Wanted("P5"))
    await BenchStore.PrepareAsync(settings);
await using (var store = BenchStore.Create(settings))
{
    await Row("P4", "appending events", "≥ 10 000 events/s", () => Appends.RunAsync(settings, store));
    await Row("P5", "projection rebuild", "≥ 20 000 events/s", () => Rebuild.RunAsync(settings, store));
}

await Report.WriteAsync(settings, results.OrderBy(r => r.Id, StringComparer.Ordinal).ToList());
return results.Any(r => r.Ours == "failed") ? 1 : 0;
