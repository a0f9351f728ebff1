using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Catalog.Sync.Storage;

/// <summary>
/// AWS Signature Version 4 in an Authorization header, for the one request the Minio client cannot sign itself: a
/// PUT whose trailing checksum needs signed <c>x-amz-*</c> headers (ADR 0102). Only what that request uses: a path
/// without a query, header values without runs of spaces.
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
        var canonical = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToArray();
        var canonicalHeaders = string.Concat(canonical.Select(h => $"{h.Name}:{h.Value}\n"));
        var signedHeaders = string.Join(';', canonical.Select(h => h.Name));
        var canonicalRequest = $"{method}\n{CanonicalPath(path)}\n\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";

        var date = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var scope = $"{date}/{region}/{Service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{AmzDate(now)}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, Service);
        key = Hmac(key, "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, stringToSign));
        return $"{Algorithm} Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>The <c>x-amz-date</c> header's value for <paramref name="now"/>.</summary>
    public static string AmzDate(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Each segment of <paramref name="path"/> percent-encoded as S3 canonicalises it: once, '/' kept.</summary>
    public static string CanonicalPath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
