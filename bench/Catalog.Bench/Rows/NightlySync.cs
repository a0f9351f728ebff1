using Catalog.Sync.Storage;

namespace Catalog.Bench.Rows;

/// <summary>
/// P6: the real sync (admin <c>startSync</c> on the API process, polled until finished) over seeded local files,
/// against <c>rclone copy</c> of the same objects between the same two S3 servers, with the same number of transfers.
/// </summary>
public static partial class NightlySync
{
    private const string AdminEmail = "bench-sync-admin@example.test";
    private const string BaselineBucket = "rclone-baseline";
    private const int Transfers = 4; // Sync:MaxParallelTransfers's default, given to rclone as --transfers

    public static async Task<RowResult> RunAsync(BenchSettings s, LocalTier local, CloudTier cloud)
    {
        // The row compares copies that include files sent in parts; the smoke run lowers the threshold so that its
        // small "large" files still are (BenchSettings.SyncMultipartThresholdBytes).
        var (syncThreshold, syncPart) = MultipartSizes.Sync(s);
        if (s.SyncLargeBytes <= syncThreshold)
            throw new InvalidOperationException(
                $"P6's large files of {s.SyncLargeBytes} bytes would go up in one PUT (Sync:MultipartThresholdBytes is {syncThreshold}): the row would time no multipart copy.");
        await using var database = await SideDatabase.CreateAsync(s, "sync");
        var side = s with { Postgres = database.ConnectionString };
        var settings = new Dictionary<string, string> { ["Auth__Admins__0"] = AdminEmail, ["Sync__ScheduleEnabled"] = "false" };
        await using var api = await ApiProcess.StartAsync(side, Path.Combine(s.WorkDirectory, "api-sync.log"), settings);
        using var client = new ApiClient(api.Url);
        var (_, token) = await client.SignUpAsync(AdminEmail);
        await using var store = BenchStore.Create(side);

        // Warm-up runs over files of another owner, so that handler compilation and the JIT's tier-up are not timed,
        // as in a service that has synced before. The runtime counts calls only once no new code was compiled for a
        // moment, and moves a method up in two steps (instrumented, then optimized): three runs with pauses between.
        // With one warm-up file, the JIT's background compiles took half of the API's CPU time in the timed run.
        for (var round = 0; round < s.SyncWarmUpRuns; round++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var other = Guid.NewGuid();
            await SyncSeed.SmallAsync(store, local, other, s.SyncWarmUpFiles, s.SyncSmallBytes);
            if (s.SyncWarmUpLargeBytes > 0)
                await SyncSeed.LargeAsync(store, local, other, 1, s.SyncWarmUpLargeBytes, s.WorkDirectory);
            await AdminSync.RunAsync(client, token, s.SyncTimeLimit);
        }

        // Ours twice, each over its own owner's files seeded just before it (a run leaves nothing local-only behind),
        // between rclone before the first and after the second, so that one slow moment of the machine weighs on both
        // sides alike and no verdict rests on a single run of ours.
        var rclone = new Rclone(s);
        var meter = CpuMeter.For(s, api.Pid);
        long files = s.SyncSmallFiles + s.SyncLargeFiles;
        var firstOwner = await SeedAsync(s, store, local, client);
        var bytes = firstOwner.Bytes;
        var rcloneBefore = await BaselineAsync(rclone, meter, s, $"local:{local.Bucket}/{firstOwner.Owner}", (files, bytes));
        var first = await OursAsync(s, client, token, api, meter, store, rclone, cloud, firstOwner.Owner, (files, bytes));
        var secondOwner = await SeedAsync(s, store, local, client);
        Expect("the second owner's seeded bytes", secondOwner.Bytes, bytes);
        var second = await OursAsync(s, client, token, api, meter, store, rclone, cloud, secondOwner.Owner, (files, bytes));
        var rcloneAfter = await BaselineAsync(rclone, meter, s, $"local:{local.Bucket}/{secondOwner.Owner}", (files, bytes));
        var seedSeconds = (firstOwner.Seconds + secondOwner.Seconds) / 2;
        var seconds = (first.Seconds + second.Seconds) / 2;
        var run = second.Run;
        var memory = first.Memory.Growth >= second.Memory.Growth ? first.Memory : second.Memory;
        var cpu = CpuUse.Mean([first.Cpu, second.Cpu]);
        var rcloneSeconds = (rcloneBefore.Seconds + rcloneAfter.Seconds) / 2;
        var rclonePeak = Math.Max(rcloneBefore.PeakRss, rcloneAfter.PeakRss);
        var ratio = rcloneSeconds / seconds;
        var warmUp = $"{s.SyncWarmUpRuns} warm-up runs of {s.SyncWarmUpFiles} small files" +
                     (s.SyncWarmUpLargeBytes > 0 ? $" and one of {Stats.MiB(s.SyncWarmUpLargeBytes):F0} MiB" : "");
        var mib = Stats.MiB(bytes);
        return new RowResult(
            "P6",
            $"nightly sync of {s.SyncSmallFiles} × {s.SyncSmallBytes / 1024} KiB and {s.SyncLargeFiles} × {Stats.MiB(s.SyncLargeBytes):F0} MiB " +
            $"({mib:F0} MiB), admin startSync until syncRun is finished; API peak RSS growth",
            $"{Stats.F(seconds)} s: {Stats.F(files / seconds)} files/s, {Stats.F(mib / seconds)} MiB/s; RSS +{Stats.F(Stats.MiB(memory.Growth))} MiB",
            $"rclone copy {Stats.F(rcloneSeconds)} s: {Stats.F(files / rcloneSeconds)} files/s, {Stats.F(mib / rcloneSeconds)} MiB/s",
            ratio,
            "≤ 1.0× rclone's wall time (ratio ≥ 1.0), RSS growth ≤ 200 MiB",
            ratio >= 1.0 && memory.Growth <= 200L << 20,
            $"ratio = rclone's wall time (mean of {Stats.F(rcloneBefore.Seconds)} s before and {Stats.F(rcloneAfter.Seconds)} s after ours) / ours " +
            $"(mean of {Stats.F(first.Seconds)} s and {Stats.F(second.Seconds)} s, each over its own seeded owner); after {warmUp}; {Transfers} transfers each " +
            $"(Sync settings otherwise: batches of 100, files up to {Stats.MiB(syncPart):F0} MiB read whole and sent as one plain PUT (ADR 0114), up to {Stats.MiB(syncThreshold):F0} MiB " +
            $"streamed in one PUT, larger ones in {Stats.MiB(syncPart):F0} MiB parts one after another, " +
            "every PUT and part confirmed by its ETag against the MD5 of the bytes sent (ADR 0069), each batch's copies recorded in one commit (ADR 0071); " +
            $"{await rclone.VersionAsync()} with its defaults: one PUT up to 200 MiB, 5 MiB parts 4 at a time, MD5 compared with the ETag); " +
            $"the second run recorded {Stats.F(run.GetProperty("durationSeconds").GetDouble())} s in {run.Long("batches")} batches; " +
            $"API peak RSS {Stats.F(Stats.MiB(memory.Peak))} MiB in the run that grew more ({memory.Method}), rclone's {Stats.F(Stats.MiB(rclonePeak))} MiB; " +
            $"each owner seeded in {Stats.F(seedSeconds)} s (mean) as local objects (Minio PUT) plus FileUploaded events through Marten, not through the API",
            new Dictionary<string, object?>
            {
                ["files"] = files,
                ["bytes"] = bytes,
                ["syncSeconds"] = seconds,
                ["syncSecondsFirst"] = first.Seconds,
                ["syncSecondsSecond"] = second.Seconds,
                ["syncRecordedSeconds"] = run.GetProperty("durationSeconds").GetDouble(),
                ["syncBatches"] = run.Long("batches"),
                ["rcloneSecondsBefore"] = rcloneBefore.Seconds,
                ["rcloneSecondsAfter"] = rcloneAfter.Seconds,
                ["apiRssBeforeBytes"] = memory.Before.Rss,
                ["apiRssPeakBytes"] = memory.Peak,
                ["apiRssGrowthBytes"] = memory.Growth,
                ["rclonePeakRssBytes"] = rclonePeak,
                ["seedSeconds"] = seedSeconds,
            })
        {
            Cpu = new CpuTable("per run", InMilliseconds: false,
            [
                new CpuSeries("rclone copy (mean of before and after)", CpuUse.Mean([rcloneBefore.Cpu, rcloneAfter.Cpu])),
                new CpuSeries("our sync (mean of both)", cpu),
            ]),
        };
    }
}
