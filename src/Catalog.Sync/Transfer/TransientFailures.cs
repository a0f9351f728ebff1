using Catalog.Sync.Storage;

namespace Catalog.Sync.Transfer;

/// <summary>Which failures are worth another try in the same run: time-outs, connection trouble, 5xx, throttling.</summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception e) => e switch
    {
        CopyFailedException copy => copy.IsTransient,
        // The attempt's own time-out; the run's cancellation is checked before this is asked.
        IOException or TimeoutException or OperationCanceledException => true,
        _ when StorageFailures.IsUnavailable(e) => true,
        _ when StorageFailures.IsStoreAnswer(e) => false,
        _ => e.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>Words for FileSyncFailed: the type and message, without a stack trace.</summary>
    public static string Describe(Exception e) => e switch
    {
        CopyFailedException => e.Message,
        OperationCanceledException => "The transfer timed out.",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
