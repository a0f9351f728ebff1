using System.Diagnostics;
using Catalog.Sync.Storage;

namespace Catalog.Bench.Rows;

/// <summary>P2: many 4 KiB uploads through REST, a fixed number in flight, against raw PUTs with the same concurrency.</summary>
public static class SmallUploads
{
    private const int WarmUp = 500;

    public static async Task<RowResult> RunAsync(BenchSettings s, ApiClient client, LocalTier raw)
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
                $"bench/small-{Guid.NewGuid():N}", new MemoryStream(content), content.Length, "application/octet-stream", ObjectMd5.Of(content), default);
        }

        // A warm-up of 500 each way: after 50, a profile still showed the API's JIT busy re-compiling hot code, so the
        // row measured the first seconds of a process rather than uploads.
        await RunAsync(Math.Min(WarmUp, s.SmallUploads), s.Concurrency, Api, s.TimeBox);
        await RunAsync(Math.Min(WarmUp, s.SmallUploads), s.Concurrency, Raw, s.TimeBox);
        var (rawCount, rawSeconds) = await RunAsync(s.SmallUploads, s.Concurrency, Raw, s.TimeBox);
        var (apiCount, apiSeconds) = await RunAsync(s.SmallUploads, s.Concurrency, Api, s.TimeBox);
        var (ownersCount, ownersSeconds) = await RunAsync(s.SmallUploads, s.Concurrency, ManyOwners, s.TimeBox);

        var rawRate = rawCount / rawSeconds;
        var apiRate = apiCount / apiSeconds;
        var ratio = apiRate / rawRate;
        return new RowResult(
            "P2",
            $"{s.SmallUploads} uploads of {s.SmallUploadBytes / 1024} KiB, {s.Concurrency} concurrent (REST)",
            $"{Stats.F(apiRate)} uploads/s (one owner; {Stats.F(ownersCount / ownersSeconds)}/s spread over {s.Concurrency} owners)",
            $"raw LocalTier PUT {Stats.F(rawRate)}/s",
            ratio,
            "≥ 0.5× throughput",
            ratio >= 0.5,
            $"one run after a warm-up of {WarmUp} each way, stopped after {s.TimeBox.TotalSeconds:F0} s: the API did {apiCount} uploads in {Stats.F(apiSeconds)} s, raw {rawCount} in {Stats.F(rawSeconds)} s; " +
            "each upload is quota check, sniff, one PUT of the request body as it arrives with SHA-256 and MD5 computed on the way (ETag checked, ADR 0074), content lock, append with inline projections (the owner's usage row by an increment), the quota read again before the commit (ADR 0076); " +
            "ratio and met? on one owner (8 uploads of one user in flight)",
            new Dictionary<string, object?>
            {
                ["rawCount"] = rawCount, ["rawSeconds"] = rawSeconds, ["apiCount"] = apiCount, ["apiSeconds"] = apiSeconds,
                ["ownersCount"] = ownersCount, ["ownersSeconds"] = ownersSeconds,
            });
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
