using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Minio.Exceptions;

namespace Catalog.Sync.Storage;

/// <summary>A storage tier answered with a failure of its own: the request may succeed when tried again.</summary>
public class StorageUnavailableException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>
/// A stored copy whose size is not the one its record gives: bytes lost or added behind the catalog's back. Found
/// before any of its bytes are used. Unavailable to a download (another copy may serve it); a failure of that one file
/// to the sync, not an outage.
/// </summary>
public sealed class DamagedCopyException(string message) : StorageUnavailableException(message);

/// <summary>
/// A storage tier kept a request waiting longer than its stall timeout (ADR 0095). Neither an <see cref="IOException"/>
/// nor caused by one, so that clients which retry I/O failures at once (the AWS SDK) do not wait out the timeout
/// again: a stalled store is an outage, answered as one.
/// </summary>
public sealed class StorageStalledException(string message) : Exception(message);

/// <summary>
/// A store turned this service's credentials down (a wrong, rotated or expired key): every request fails alike until
/// the settings are fixed.
/// </summary>
public sealed class CredentialsRefusedException(string message) : Exception(message);

/// <summary>Which failures of a storage call mean "the store is unavailable", as opposed to a fault in this service.</summary>
public static class StorageFailures
{
    /// <summary>An answer of the store's own, from either client (AWS SDK or Minio), whatever it says.</summary>
    public static bool IsStoreAnswer(Exception e) => e is AmazonServiceException or MinioException;

    /// <summary>
    /// Unreachable, timed out, a 5xx or throttling answer, other bytes kept than were sent, or bytes refused because they
    /// did not match the digest sent with them (damaged on the way: sending them again may succeed). A missing object, a
    /// refused credential or a missing bucket are not: those are faults to fix, not to wait out.
    /// </summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        StorageUnavailableException or StorageStalledException => true,
        // S3 answers an upload whose bytes came too slowly (a slow local read streaming into it) with 400 RequestTimeout.
        AmazonServiceException service => service.StatusCode is >= HttpStatusCode.InternalServerError
            or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or 0
            || service.ErrorCode is "RequestTimeout" or "RequestTimeoutException" or "PriorRequestNotComplete"
                or "BadDigest" or "XAmzContentSHA256Mismatch" or "XAmzContentChecksumMismatch",
        ObjectNotFoundException or BucketNotFoundException or AccessDeniedException or AuthorizationException => false,
        MinioException or AmazonClientException or HttpRequestException or HttpIOException or SocketException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => e.InnerException is { } inner && IsUnavailable(inner),
    };

    /// <summary>
    /// The store refuses this service whatever it asks: its bucket is missing, or its credentials are not the account's.
    /// Not worth another try, and not a fault of the one file that met it. An access denied is not among them: a
    /// policy may deny one prefix or one object, and that is the file's fault, not the tier's.
    /// </summary>
    public static bool IsRefused(Exception e) => e switch
    {
        AmazonS3Exception s3 => s3.ErrorCode == "NoSuchBucket" || StoreErrors.RefusesCredentials(s3.ErrorCode),
        BucketNotFoundException or CredentialsRefusedException => true,
        _ => e.InnerException is { } inner && IsRefused(inner),
    };

    /// <summary>
    /// The store's own answer when it turned a request down, for the start-up warning about a bucket: a 3xx or 4xx of the
    /// AWS SDK other than a 404, a timeout or throttling ("403 Forbidden"), or Minio's access denied. Wider than
    /// <see cref="IsRefused"/>, which stops a sync run: a warning that is wrong costs nothing. Null for anything else.
    /// </summary>
    public static string? RefusalOf(Exception e) => e switch
    {
        AmazonServiceException { StatusCode: var status and >= HttpStatusCode.MovedPermanently and < HttpStatusCode.InternalServerError } s3
            when status is not (HttpStatusCode.NotFound or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests) =>
            string.IsNullOrEmpty(s3.ErrorCode) || s3.ErrorCode == status.ToString()
                ? $"{(int)status} {status}"
                : $"{(int)status} {status}, {s3.ErrorCode}",
        AccessDeniedException => "403 Forbidden, AccessDenied", // Minio's; its message repeats the resource
        AuthorizationException => $"Authorization: {e.Message}",
        _ => e.InnerException is { } inner ? RefusalOf(inner) : null,
    };
}
