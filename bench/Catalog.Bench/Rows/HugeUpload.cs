using Catalog.Sync.Storage;

namespace Catalog.Bench.Rows;

/// <summary>
/// P1b (issue 3): one 5 GiB file through the REST endpoint, spooled and then stored as a multipart upload, with the
/// API's memory sampled throughout; beside it the same bytes stored by <see cref="LocalTier"/> alone.
/// </summary>
public static class HugeUpload
{
    private const long MemoryTarget = 100L << 20;

    public static async Task<RowResult> RunAsync(BenchSettings s, ApiProcess api, ApiClient client, LocalTier raw)
    {
        var size = s.HugeUploadBytes;
        var path = Path.Combine(s.WorkDirectory, "huge-upload.bin");
        await LargeUpload.WriteRandomFileAsync(path, size);
        var (_, token) = await client.SignUpAsync();
        var rawKey = $"bench/huge-{Guid.NewGuid():N}";
        // The row is about an upload stored in parts; the API is configured as the baseline's LocalTier is
        // (BenchSettings.LocalMultipartThresholdBytes), so the smoke run's small file takes that path too.
        if (size <= raw.SinglePutLimit)
            throw new InvalidOperationException(
                $"P1b's {size} bytes would go up in one PUT (the local tier's limit is {raw.SinglePutLimit}): the row would time no multipart upload.");
        try
        {
            var rawSeconds = await Stats.SecondsAsync(async () =>
            {
                await using var file = File.OpenRead(path);
                await raw.PutAsync(rawKey, file, size, "application/octet-stream", null, default);
            });
            // The S3 server keeps everything on the same disk: make room before the API stores its copy.
            await raw.RemoveAsync(rawKey, default);

            await LargeUpload.MakeUniqueAsync(path);
            double restSeconds;
            long growth;
            string memoryMethod;
            await using (var memory = new PeakMemory(api))
            {
                restSeconds = await Stats.SecondsAsync(async () =>
                {
                    await using var file = File.OpenRead(path);
                    await client.UploadRestAsync(token, "huge.bin", file, size);
                });
                await memory.DisposeAsync();
                growth = memory.Growth;
                memoryMethod = memory.Method;
            }

            var ratio = rawSeconds / restSeconds;
            return new RowResult(
                "P1b",
                $"one {Stats.MiB(size):F0} MiB upload (REST raw body), stored as a multipart upload; API peak RSS growth",
                $"{Stats.F(Stats.MiB(size) / restSeconds)} MiB/s; RSS +{Stats.F(Stats.MiB(growth))} MiB",
                $"LocalTier multipart PUT {Stats.F(Stats.MiB(size) / rawSeconds)} MiB/s",
                ratio,
                "RSS growth ≤ 100 MiB (issue 3: memory flat)",
                growth <= MemoryTarget,
                $"one run each; the upload is spooled to disk, then sent in {Stats.MiB(MultipartSizes.LocalPartSize(s)):F0} MiB parts (ADR 0066); the baseline stores the same bytes without the API; {memoryMethod}",
                new Dictionary<string, object?>
                {
                    ["bytes"] = size,
                    ["rawSeconds"] = rawSeconds,
                    ["restSeconds"] = restSeconds,
                    ["restRssGrowthBytes"] = growth,
                });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
