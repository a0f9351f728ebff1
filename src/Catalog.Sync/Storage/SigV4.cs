using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Catalog.Sync.Storage;

/// <summary>
/// AWS Signature Version 4 for the requests the Minio client cannot sign itself: a PUT whose trailing checksum needs
/// signed <c>x-amz-*</c> headers (ADR 0102), and a presigned PUT that binds its <c>Content-Length</c> (ADR 0017). Only
/// what those use: a path without a query of its own, header values without runs of spaces.
/// </summary>
public static class SigV4
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string Service = "s3";

    /// <summary>
    /// The Authorization header's value for <paramref name="method"/> on <paramref name="path"/> (not yet
    /// percent-encoded), signing every header in <paramref name="headers"/>; they must include <c>host</c>,
    /// <c>x-amz-date</c> (for <paramref name="now"/>) and <c>x-amz-content-sha256</c> (<paramref name="payloadHash"/>).
    /// </summary>
    public static string Authorization(
        string method, string path, IReadOnlyDictionary<string, string> headers, string payloadHash,
        string accessKey, string secretKey, string region, DateTimeOffset now)
    {
        var (canonicalHeaders, signedHeaders) = Canonical(headers);
        var canonicalRequest = $"{method}\n{CanonicalPath(path)}\n\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";
        var scope = Scope(region, now);
        var signature = Signature(canonicalRequest, scope, secretKey, region, now);
        return $"{Algorithm} Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>
    /// A presigned URL for <paramref name="method"/> on <paramref name="path"/> (not yet percent-encoded) at
    /// <paramref name="endpoint"/>, valid for <paramref name="lifetime"/> from <paramref name="now"/>. Every header in
    /// <paramref name="headers"/> is signed (they must include <c>host</c>): the store refuses a request that sends
    /// another value for one of them. The payload is not signed.
    /// </summary>
    public static Uri Presign(
        string method, Uri endpoint, string path, IReadOnlyDictionary<string, string> headers, TimeSpan lifetime,
        string accessKey, string secretKey, string region, DateTimeOffset now)
    {
        var (canonicalHeaders, signedHeaders) = Canonical(headers);
        var scope = Scope(region, now);
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["X-Amz-Algorithm"] = Algorithm,
            ["X-Amz-Credential"] = $"{accessKey}/{scope}",
            ["X-Amz-Date"] = AmzDate(now),
            ["X-Amz-Expires"] = ((long)Math.Ceiling(lifetime.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            ["X-Amz-SignedHeaders"] = signedHeaders,
        };
        var canonicalQuery = string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        var canonicalRequest = $"{method}\n{CanonicalPath(path)}\n{canonicalQuery}\n{canonicalHeaders}\n{signedHeaders}\nUNSIGNED-PAYLOAD";
        var signature = Signature(canonicalRequest, scope, secretKey, region, now);
        return new Uri(endpoint, $"{CanonicalPath(path)}?{canonicalQuery}&X-Amz-Signature={signature}");
    }

    /// <summary>The <c>x-amz-date</c> header's value for <paramref name="now"/>.</summary>
    public static string AmzDate(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Each segment of <paramref name="path"/> percent-encoded as S3 canonicalises it: once, '/' kept.</summary>
    public static string CanonicalPath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static (string CanonicalHeaders, string SignedHeaders) Canonical(IReadOnlyDictionary<string, string> headers)
    {
        var canonical = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToArray();
        return (string.Concat(canonical.Select(h => $"{h.Name}:{h.Value}\n")), string.Join(';', canonical.Select(h => h.Name)));
    }

    private static string Scope(string region, DateTimeOffset now) =>
        $"{now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/{region}/{Service}/aws4_request";

    private static string Signature(string canonicalRequest, string scope, string secretKey, string region, DateTimeOffset now)
    {
        var stringToSign = $"{Algorithm}\n{AmzDate(now)}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
        key = Hmac(key, region);
        key = Hmac(key, Service);
        key = Hmac(key, "aws4_request");
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
