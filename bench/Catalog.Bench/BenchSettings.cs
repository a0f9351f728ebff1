namespace Catalog.Bench;

/// <summary>What one run measures and against which servers; every value comes from the environment bench.sh sets.</summary>
public sealed record BenchSettings(
    bool Smoke,
    string Postgres,
    Uri S3Local,
    Uri S3Cloud,
    string AccessKey,
    string SecretKey,
    string ApiDll,
    int ApiPort,
    string OutputDirectory,
    string WorkDirectory)
{
    public long LargeUploadBytes => Smoke ? 4L << 20 : 256L << 20;
    public int LargeUploadRepetitions => Smoke ? 1 : 3;
    /// <summary>Issue 3's memory check: a file far above the multipart threshold (512 MiB), stored in parts.</summary>
    public long HugeUploadBytes => Smoke ? 6L << 20 : 5L << 30;
    public int SmallUploads => Smoke ? 40 : 1000;
    public int SmallUploadBytes => 4 * 1024;
    public int SmallUploadRounds => Smoke ? 1 : 3;
    public int Concurrency => 8;
    /// <summary>
    /// Storage:Local:StallTimeout of the API and of the baseline's client alike, as scripts/run.sh sets it: the test
    /// store joins P1b's 5 GiB of parts without a byte on the wire for longer than the default 30 s (ADR 0095).
    /// </summary>
    public string LocalStallTimeout => "00:05:00";
    public int ListingFiles => Smoke ? 2_000 : 1_000_000;
    public int ListingOwnerFiles => Smoke ? 200 : 100_000;
    /// <summary>Timed P3 pages each way: a p99 of 2 000 is the twentieth-slowest query, so one slow page does not make it.</summary>
    public int ListingQueries => Smoke ? 20 : 2000;
    /// <summary>P3 times the API and the SQL in alternating blocks of this many calls.</summary>
    public int ListingBlock => Smoke ? 5 : 100;
    /// <summary>Timed pages with <c>totalCount</c> each way; each counts 50,000 matches, so fewer.</summary>
    public int ListingCountQueries => Smoke ? 20 : 500;
    /// <summary>
    /// Untimed queries before each P3 series. The API's first requests of a kind run on code the JIT has not yet
    /// optimised: in two of four full runs the first 100 timed ones had twice the server-side p99 of the next 400.
    /// After 100 warm-ups `perf` still found a fifth of the API's samples in the JIT while the timed queries ran, so
    /// both sides warm up with 1000, and the SQL baseline's p99 tightened as much as the API's.
    /// </summary>
    public int ListingWarmUps => Smoke ? 5 : 1000;
    public int ListingCountWarmUps => Smoke ? 5 : 100;
    public int AppendSingles => Smoke ? 200 : 10_000;
    public int AppendBatched => Smoke ? 1_000 : 100_000;
    public int AppendBatchSize => 100;
    /// <summary>A slow path stops after this long, and the row reports how many it did: rates stay honest, runs stay short.</summary>
    public TimeSpan TimeBox => Smoke ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(90);
    public int ColdStarts => Smoke ? 0 : 5;
    public int Subscribers => Smoke ? 20 : 1000;
    /// <summary>
    /// Timed P8 events, one after another. With 10, each event was a tenth of the receipts, so the p99 was the slowest
    /// event's: in one full run one event's median receipt took 93 ms, the other nine's 26-64 ms.
    /// </summary>
    public int FanOutEvents => Smoke ? 2 : 100;
    public int SyncSmallFiles => Smoke ? 5 : 1000;
    public int SyncSmallBytes => Smoke ? 4 * 1024 : 100 * 1024;
    /// <summary>
    /// Storage:Local's single-PUT limit and part size for the API and the baseline's LocalTier alike; null leaves the
    /// service's defaults (512 MiB, 16 MiB). The smoke run lowers them so that P1b's small file is stored in parts, as
    /// the full run's 5 GiB is, and a broken multipart path fails the smoke.
    /// </summary>
    public long? LocalMultipartThresholdBytes => Smoke ? 5L << 20 : null;
    public long? LocalMultipartPartBytes => Smoke ? 5L << 20 : null;
    /// <summary>Sync's single-PUT limit and part size (null: the defaults, 16 and 8 MiB); lowered in the smoke run so that P6 copies a file in parts.</summary>
    public long? SyncMultipartThresholdBytes => Smoke ? 5L << 20 : null;
    public long? SyncPartSizeBytes => Smoke ? 5L << 20 : null;
    public int SyncLargeFiles => Smoke ? 1 : 4;
    public long SyncLargeBytes => Smoke ? 6L << 20 : 256L << 20;
    /// <summary>Warm-up sync runs before the timed one, each over this many small files and one file sent in parts.</summary>
    public int SyncWarmUpRuns => Smoke ? 1 : 3;
    public int SyncWarmUpFiles => Smoke ? 1 : 100;
    public long SyncWarmUpLargeBytes => Smoke ? 0 : 24L << 20;
    /// <summary>A sync run (ours or rclone's) that takes longer than this fails the row.</summary>
    public TimeSpan SyncTimeLimit => Smoke ? TimeSpan.FromMinutes(2) : TimeSpan.FromMinutes(30);

    public static BenchSettings FromEnvironment() => new(
        Smoke: Environment.GetEnvironmentVariable("BENCH_SMOKE") == "1",
        Postgres: Required("BENCH_POSTGRES"),
        S3Local: new Uri(Required("BENCH_S3_LOCAL")),
        S3Cloud: new Uri(Required("BENCH_S3_CLOUD")),
        AccessKey: Required("BENCH_S3_ACCESS_KEY"),
        SecretKey: Required("BENCH_S3_SECRET_KEY"),
        ApiDll: Required("BENCH_API_DLL"),
        ApiPort: int.Parse(Required("BENCH_API_PORT"), System.Globalization.CultureInfo.InvariantCulture),
        OutputDirectory: Required("BENCH_OUTPUT"),
        WorkDirectory: Required("BENCH_WORK"));

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the benchmarks through scripts/bench.sh");
}
