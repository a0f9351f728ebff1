namespace Catalog.Sync.Purge;

/// <summary><c>Deletion</c>: how long a deleted file can be restored, and how a purge that fails is retried.</summary>
public sealed class DeletionOptions
{
    public const string Section = "Deletion";
    public static readonly TimeSpan MaximumRetention = TimeSpan.FromDays(3650);

    /// <summary>A deleted file can be restored for this long; then its bytes are purged from every tier.</summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Retries of a purge that failed on a storage error before it moves to the dead letters.</summary>
    public int PurgeRetries { get; set; } = 4;

    /// <summary>Wait before the first retry; each further retry waits twice as long as the one before.</summary>
    public TimeSpan PurgeRetryCooldown { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan[] PurgeRetryDelays() =>
        Enumerable.Range(0, PurgeRetries).Select(i => PurgeRetryCooldown * Math.Pow(2, i)).ToArray();
}
