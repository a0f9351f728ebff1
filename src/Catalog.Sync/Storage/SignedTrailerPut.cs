using System.Globalization;

namespace Catalog.Sync.Storage;

/// <summary>
/// The PUT of one object whose body carries a trailing checksum, signed in its Authorization header (ADR 0102): every
/// <c>x-amz-*</c> header it sends is signed, as S3 requires.
/// </summary>
public static class SignedTrailerPut
{
    public static HttpRequestMessage Create(
        Uri endpoint, string bucket, string key, HttpContent body, long size,
        string accessKey, string secretKey, string region, DateTimeOffset now)
    {
        var path = $"/{bucket}/{key}";
        var host = endpoint.IsDefaultPort ? endpoint.Host : endpoint.Authority;
        var headers = new Dictionary<string, string>
        {
            ["content-encoding"] = "aws-chunked",
            ["host"] = host,
            ["x-amz-content-sha256"] = TrailingChecksumContent.PayloadHash,
            ["x-amz-date"] = SigV4.AmzDate(now),
            ["x-amz-decoded-content-length"] = size.ToString(CultureInfo.InvariantCulture),
            ["x-amz-trailer"] = TrailingChecksumContent.TrailerName,
        };
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri(endpoint, SigV4.CanonicalPath(path))) { Content = body };
        foreach (var (name, value) in headers)
            if (name is not ("host" or "content-encoding")) // the content's own header; the host set below
                request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("Authorization",
            SigV4.Authorization("PUT", path, headers, TrailingChecksumContent.PayloadHash, accessKey, secretKey, region, now));
        return request;
    }
}
