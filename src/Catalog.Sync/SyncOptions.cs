using System.Globalization;

namespace Catalog.Sync;

public enum SyncVerification
{
    /// <summary>Read the cloud copy back and hash it: works with every S3-compatible store.</summary>
    ReadBack,
    /// <summary>Send SHA-256 checksums with the upload and compare the one the store returns (AWS S3).</summary>
    StoreChecksum,
    /// <summary>
    /// Compare the ETag of every PUT and part with the MD5 of the bytes sent (parts also carry Content-MD5), then the
    /// stored size: the store's word on every byte, without reading the copy back (ADR 0069). Not for buckets that
    /// encrypt with SSE-KMS or SSE-C, whose ETags are no MD5s.
    /// </summary>
    Etag,
}

/// <summary><c>Sync</c>: when the nightly transfer runs and how it moves files to the cloud tier.</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";
    public const long MiB = 1024 * 1024;

    /// <summary>Keep a nightly run scheduled; off leaves only admin-started runs.</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>Wall-clock time of the nightly run, "HH:mm".</summary>
    public string LocalTime { get; set; } = "00:00";

    /// <summary>IANA time zone id of <see cref="LocalTime"/>, e.g. "Europe/Berlin".</summary>
    public string TimeZone { get; set; } = "UTC";

    public int BatchSize { get; set; } = 100;
    public int MaxParallelTransfers { get; set; } = 4;

    /// <summary>Files larger than this go up in parts; smaller ones in one streamed PUT.</summary>
    public long MultipartThresholdBytes { get; set; } = 16 * MiB;

    /// <summary>Each part is held in memory once while it is sent: memory per transfer is bounded by this.</summary>
    public long PartSizeBytes { get; set; } = 8 * MiB;

    public SyncVerification Verification { get; set; } = SyncVerification.Etag;

    /// <summary>Remove the local copy once the cloud copy is verified (appends LocalCopyEvicted).</summary>
    public bool DeleteLocalAfterSync { get; set; }

    /// <summary>A file that failed in this many runs is reported to admins and logged as a warning.</summary>
    public int MaxFailedRunsBeforeReport { get; set; } = 3;

    /// <summary>Tries per file and run before the run gives up on it (FileSyncFailed).</summary>
    public int AttemptsPerFile { get; set; } = 3;

    /// <summary>Wait after the first failed try; it doubles after each further one.</summary>
    public TimeSpan RetryCooldown { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A try that takes longer than this counts as a transient failure.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A running run that recorded nothing for this long, with no worker moving files, gets its batch sent again
    /// (ADR 0093): its message was lost with a commit's answer, or dead-lettered after a long outage.
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often running runs are checked for a stall, and the nightly slot for a lost message.</summary>
    public TimeSpan StallCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeOnly RunTime => TimeOnly.ParseExact(LocalTime, "HH:mm", CultureInfo.InvariantCulture);

    public TimeZoneInfo RunTimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>How long one batch may take, its files' tries and waits included (ContinueSyncRunHandler).</summary>
    public static readonly TimeSpan BatchTimeLimit = TimeSpan.FromHours(12);

    /// <summary>Every try of one file timing out, with the waits between them.</summary>
    public TimeSpan WorstTimeForOneFile() =>
        AttemptTimeout * AttemptsPerFile + Enumerable.Range(1, AttemptsPerFile - 1).Aggregate(TimeSpan.Zero, (sum, n) => sum + CooldownAfter(n));

    /// <summary>The longest wait between two tries, however many came before (the wait doubles after each).</summary>
    public static readonly TimeSpan MaxCooldown = TimeSpan.FromHours(1);

    // Doubled 19 times, even a cooldown of a second would be days, and one of an hour beyond what a timer takes.
    public TimeSpan CooldownAfter(int failedAttempt) =>
        TimeSpan.FromTicks((long)Math.Min(RetryCooldown.Ticks * Math.Pow(2, failedAttempt - 1), MaxCooldown.Ticks));
}
