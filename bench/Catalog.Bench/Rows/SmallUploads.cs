using System.Diagnostics;
using System.IO.Hashing;
using Catalog.Sync.Storage;

namespace Catalog.Bench.Rows;

/// <summary>P2: many 4 KiB uploads through REST, a fixed number in flight, against raw PUTs with the same concurrency.</summary>
public static class SmallUploads
{
    private const int WarmUp = 500;

    public static async Task<RowResult> RunAsync(BenchSettings s, ApiProcess api, ApiClient client, LocalTier raw)
    {
        var (_, token) = await client.SignUpAsync();
        // Bytes of their own for every upload: identical bytes would be stored once (ADR 0018), and the row would
        // time deduplications queueing on one content lock instead of uploads.
        Task Api(int i) => Upload(token, i);

        // The same load spread over as many owners as uploads in flight: each owner's usage row is locked from its
        // commit's batch to the commit (ADR 0076), so the gap between the two shows what that costs.
        var owners = new List<string>();
        for (var o = 0; o < s.Concurrency; o++)
            owners.Add((await client.SignUpAsync()).Token);
        Task ManyOwners(int i) => Upload(owners[i % owners.Count], i);

        Task Upload(string owner, int i)
        {
            var content = Payload.Random(s.SmallUploadBytes);
            return client.UploadRestAsync(owner, $"small-{i}.bin", new MemoryStream(content), content.Length);
        }

        Task Raw(int i)
        {
            var content = Payload.Random(s.SmallUploadBytes);
            return raw.PutAsync(
                $"bench/small-{Guid.NewGuid():N}", new MemoryStream(content), content.Length, "application/octet-stream", Crc32.HashToUInt32(content), default);
        }

        // Two rounds of a warm-up of 500 each way, each followed by a wait until the API and this client are idle:
        // `perf` and the JIT's own log showed both processes' background JIT re-compiling thousands of hot methods at
        // tier 1 during the timed runs, up to a quarter of the machine's CPU, taken from both sides of the row. The JIT
        // counts calls only once a warm-up stops finding new methods, so one round left the next run to finish it. A
        // service that has run for a minute is past all that.
        var settled = TimeSpan.Zero;
        var warmUp = Math.Min(WarmUp, s.SmallUploads);
        for (var round = 0; round < 2; round++)
        {
            await RunAsync(warmUp, s.Concurrency, Api, s.TimeBox);
            await RunAsync(warmUp, s.Concurrency, Raw, s.TimeBox);
            settled += await api.SettleAsync(TimeSpan.FromSeconds(s.Smoke ? 1 : 60));
        }
        // Rounds of raw, one owner and many owners back to back: the machine's speed drifts between minutes (the raw
        // loop ran at 631, 726 and 924 PUTs/s in the three rounds of one run), so each round's ratio compares the two
        // sides at the same time, and the row takes the median round.
        var meter = CpuMeter.For(s, api.Pid);
        var rounds = new List<Round>();
        for (var round = 0; round < s.SmallUploadRounds; round++)
        {
            var ((rawCount, rawSeconds), rawCpu) = await meter.MeasureAsync(() => RunAsync(s.SmallUploads, s.Concurrency, Raw, s.TimeBox));
            var ((apiCount, apiSeconds), apiCpu) = await meter.MeasureAsync(() => RunAsync(s.SmallUploads, s.Concurrency, Api, s.TimeBox));
            var ((ownersCount, ownersSeconds), ownersCpu) =
                await meter.MeasureAsync(() => RunAsync(s.SmallUploads, s.Concurrency, ManyOwners, s.TimeBox));
            rounds.Add(new Round(rawCount / rawSeconds, apiCount / apiSeconds, ownersCount / ownersSeconds, apiCount, apiSeconds, rawCount, rawSeconds,
                rawCpu.Per(rawCount), apiCpu.Per(apiCount), ownersCpu.Per(ownersCount)));
        }
        var median = rounds.OrderBy(r => r.Ratio).ElementAt(rounds.Count / 2);
        var (rawRate, apiRate, ratio) = (median.Raw, median.Api, median.Ratio);
        string Each(Func<Round, double> value) => string.Join(", ", rounds.Select(r => Stats.F(value(r), 2)));
        return new RowResult(
            "P2",
            $"{s.SmallUploads} uploads of {s.SmallUploadBytes / 1024} KiB, {s.Concurrency} concurrent (REST)",
            $"{Stats.F(apiRate)} uploads/s (one owner; {Stats.F(median.Owners)}/s spread over {s.Concurrency} owners)",
            $"raw LocalTier PUT {Stats.F(rawRate)}/s",
            ratio,
            "≥ 0.5× throughput",
            ratio >= 0.5,
            $"the median of {rounds.Count} rounds by ratio (each round: raw, then one owner, then {s.Concurrency} owners; ratios {Each(r => r.Ratio)}; many owners over raw {Each(r => r.Owners / r.Raw)}), " +
            $"after two rounds of a warm-up of {warmUp} each way, each followed by a wait for the JIT of the idle API and client to finish re-compiling ({Stats.F(settled.TotalSeconds, 1)} s in all); each series stops after {s.TimeBox.TotalSeconds:F0} s: in the median round the API did {median.ApiCount} uploads in {Stats.F(median.ApiSeconds)} s, raw {median.RawCount} in {Stats.F(median.RawSeconds)} s; " +
            "each upload is quota check, sniff, one PUT of the request body as it arrives with SHA-256 and CRC-32 computed on the way (ADR 0074; the store checks the trailing CRC-32, ADR 0102), content lock, append with inline projections (the owner's usage row by an increment), the quota read again at the end of the same batch (ADR 0076, 0115); " +
            "ratio and met? on one owner (8 uploads of one user in flight)",
            new Dictionary<string, object?>
            {
                ["rounds"] = rounds, ["settledSeconds"] = settled.TotalSeconds,
            })
        {
            Cpu = new CpuTable("per upload (the median round)", InMilliseconds: true,
            [
                new CpuSeries("raw PUT", median.RawCpu),
                new CpuSeries("upload, one owner", median.ApiCpu),
                new CpuSeries($"upload, {s.Concurrency} owners", median.OwnersCpu),
            ]),
        };
    }

    private sealed record Round(
        double Raw, double Api, double Owners, int ApiCount, double ApiSeconds, int RawCount, double RawSeconds,
        CpuUse RawCpu, CpuUse ApiCpu, CpuUse OwnersCpu)
    {
        public double Ratio => Api / Raw;
    }

    /// <summary>Uploads until <paramref name="count"/> are done or the time box is over; returns how many and how long.</summary>
    private static async Task<(int Done, double Seconds)> RunAsync(int count, int concurrency, Func<int, Task> upload, TimeSpan timeBox)
    {
        var next = -1;
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while (clock.Elapsed < timeBox && (i = Interlocked.Increment(ref next)) < count)
            {
                await upload(i);
                Interlocked.Increment(ref done);
            }
        }));
        return (done, clock.Elapsed.TotalSeconds);
    }
}
