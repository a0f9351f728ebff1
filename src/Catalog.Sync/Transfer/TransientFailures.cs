using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Minio.Exceptions;

namespace Catalog.Sync.Transfer;

/// <summary>Which failures are worth another try in the same run: time-outs, connection trouble, 5xx, throttling.</summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception e) => e switch
    {
        CopyFailedException copy => copy.IsTransient,
        AmazonServiceException service => service.StatusCode is >= HttpStatusCode.InternalServerError
            or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or 0,
        ObjectNotFoundException or BucketNotFoundException or AccessDeniedException or AuthorizationException => false,
        MinioException => true,
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        // The attempt's own time-out; the run's cancellation is checked before this is asked.
        OperationCanceledException => true,
        AmazonClientException => true,
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
