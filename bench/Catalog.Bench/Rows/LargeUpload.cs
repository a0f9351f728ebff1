using System.Diagnostics;
using System.IO.Hashing;
using System.Security.Cryptography;
using Catalog.Sync.Storage;

namespace Catalog.Bench.Rows;

/// <summary>P1: one large file through the API (REST raw body and GraphQL multipart) against a raw PUT of the same bytes.</summary>
public static class LargeUpload
{
    public static async Task<RowResult> RunAsync(BenchSettings s, ApiProcess api, ApiClient client, LocalTier raw)
    {
        var size = s.LargeUploadBytes;
        var path = Path.Combine(s.WorkDirectory, "large-upload.bin");
        await WriteRandomFileAsync(path, size);
        var (_, token) = await client.SignUpAsync();

        // Warm-up: a file each way large enough that the copy loops run hundreds of times, then a wait until the API
        // and this client are idle, so connection set-up and the JIT's re-compiling of those loops are not in the
        // timings (as in P2).
        var warmBytes = (int)Math.Min(size, 16L << 20);
        await using (var warmUp = new MemoryStream(Payload.Random(warmBytes)))
            await client.UploadRestAsync(token, "warm.bin", warmUp, warmUp.Length);
        await using (var warmUp = new MemoryStream(Payload.Random(warmBytes)))
            await client.UploadGraphQLAsync(token, "warm.bin", warmUp);
        var warm = Payload.Random(warmBytes);
        await using (var warmUp = new MemoryStream(warm))
            await raw.PutAsync($"bench/warm-{Guid.NewGuid():N}", warmUp, warmUp.Length, "application/octet-stream", Crc32.HashToUInt32(warm), default);
        await api.SettleAsync(TimeSpan.FromSeconds(s.Smoke ? 1 : 30));

        var meter = CpuMeter.For(s, api.Pid);
        var (rawCpu, restCpu, graphqlCpu) = (new List<CpuUse>(), new List<CpuUse>(), new List<CpuUse>());
        var rawTimes = new List<double>();
        var restTimes = new List<double>();
        var graphqlTimes = new List<double>();
        long restGrowth = 0, graphqlGrowth = 0;
        var memoryMethod = "";
        for (var i = 0; i < s.LargeUploadRepetitions; i++)
        {
            await MakeUniqueAsync(path);
            // The service computes the CRC-32 as the bytes pass; the baseline is given it, untimed, like any client that has one.
            uint crc32;
            await using (var source = File.OpenRead(path))
                crc32 = await Payload.Crc32OfAsync(source);
            var (rawSeconds, rawUse) = await meter.MeasureAsync(() => Stats.SecondsAsync(async () =>
            {
                await using var file = File.OpenRead(path);
                await raw.PutAsync($"bench/large-{Guid.NewGuid():N}", file, size, "application/octet-stream", crc32, default);
            }));
            rawTimes.Add(rawSeconds);
            rawCpu.Add(rawUse);

            await MakeUniqueAsync(path);
            await using (var memory = new PeakMemory(api))
            {
                var (restSeconds, restUse) = await meter.MeasureAsync(() => Stats.SecondsAsync(async () =>
                {
                    await using var file = File.OpenRead(path);
                    await client.UploadRestAsync(token, "large.bin", file, size);
                }));
                restTimes.Add(restSeconds);
                restCpu.Add(restUse);
                await memory.DisposeAsync();
                restGrowth = Math.Max(restGrowth, memory.Growth);
                memoryMethod = memory.Method;
            }

            await MakeUniqueAsync(path);
            await using (var memory = new PeakMemory(api))
            {
                var (graphqlSeconds, graphqlUse) = await meter.MeasureAsync(() => Stats.SecondsAsync(async () =>
                {
                    await using var file = File.OpenRead(path);
                    await client.UploadGraphQLAsync(token, "large.bin", file);
                }));
                graphqlTimes.Add(graphqlSeconds);
                graphqlCpu.Add(graphqlUse);
                await memory.DisposeAsync();
                graphqlGrowth = Math.Max(graphqlGrowth, memory.Growth);
            }
        }
        File.Delete(path);

        double MiBps(double seconds) => Stats.MiB(size) / seconds;
        var rawRate = MiBps(Stats.Median(rawTimes));
        var restRate = MiBps(Stats.Median(restTimes));
        var graphqlRate = MiBps(Stats.Median(graphqlTimes));
        var worst = Math.Min(restRate, graphqlRate) / rawRate;
        var growth = Math.Max(restGrowth, graphqlGrowth);
        var met = worst >= 0.8 && growth <= 100L << 20;

        return new RowResult(
            "P1",
            $"one {Stats.MiB(size):F0} MiB upload (REST raw body / GraphQL multipart); API peak RSS growth",
            $"REST {Stats.F(restRate)} MiB/s, GraphQL {Stats.F(graphqlRate)} MiB/s; RSS +{Stats.F(Stats.MiB(growth))} MiB",
            $"raw LocalTier PUT {Stats.F(rawRate)} MiB/s",
            worst,
            "≥ 0.8×, RSS growth ≤ 100 MiB",
            met,
            $"median of {s.LargeUploadRepetitions} after a warm-up of {warmBytes / (1 << 20)} MiB each way and a wait for the idle API and client to settle; ratio is the slower of REST/GraphQL over raw; the raw PUT is the service's own client (LocalTier.PutAsync): the same signed PUT with the trailing CRC-32, given to it untimed, which the store decodes and checks as it does the service's (ADR 0102); {memoryMethod} (REST +{Stats.F(Stats.MiB(restGrowth))} MiB, GraphQL +{Stats.F(Stats.MiB(graphqlGrowth))} MiB)",
            new Dictionary<string, object?>
            {
                ["bytes"] = size,
                ["rawSeconds"] = rawTimes,
                ["restSeconds"] = restTimes,
                ["graphqlSeconds"] = graphqlTimes,
                ["restRssGrowthBytes"] = restGrowth,
                ["graphqlRssGrowthBytes"] = graphqlGrowth,
            })
        {
            Cpu = new CpuTable($"per {Stats.MiB(size):F0} MiB upload (mean of {s.LargeUploadRepetitions})", InMilliseconds: false,
            [
                new CpuSeries("raw PUT", CpuUse.Mean(rawCpu)),
                new CpuSeries("REST upload", CpuUse.Mean(restCpu)),
                new CpuSeries("GraphQL upload", CpuUse.Mean(graphqlCpu)),
            ]),
        };
    }

    /// <summary>
    /// New random bytes after the cleared head, so that no upload finds identical bytes stored before: the service
    /// would then store nothing (ADR 0018) and the row would time a deduplication instead of an upload.
    /// </summary>
    internal static async Task MakeUniqueAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.Position = Payload.HeadLength;
        await file.WriteAsync(RandomNumberGenerator.GetBytes(16));
    }

    internal static async Task WriteRandomFileAsync(string path, long size)
    {
        await using var file = File.Create(path);
        var buffer = new byte[1 << 20];
        for (long written = 0; written < size; written += buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            if (written == 0)
                Payload.ClearHead(buffer);
            await file.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, size - written)));
        }
    }
}
