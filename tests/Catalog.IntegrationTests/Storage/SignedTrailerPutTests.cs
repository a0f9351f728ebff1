using Catalog.Sync.Storage;

namespace Catalog.IntegrationTests.Storage;

/// <summary>The local tier's signed PUT as built, without a store (ADR 0102).</summary>
public sealed class SignedTrailerPutTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("http://minio:9000/", "minio:9000", "http://minio:9000/bucket/owner/a%20b")]
    [InlineData("https://s3.example.com/", "s3.example.com", "https://s3.example.com/bucket/owner/a%20b")]
    public void Signs_every_amz_header_and_the_host_it_sends(string endpoint, string host, string url)
    {
        using var body = new TrailingChecksumContent(new MemoryStream(new byte[10]), 10, () => 0);

        using var request = SignedTrailerPut.Create(new Uri(endpoint), "bucket", "owner/a b", body, 10, "key", "secret", "us-east-1", Now);

        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal(url, request.RequestUri!.AbsoluteUri);
        Assert.Equal(host, request.Headers.Host);
        var authorization = Assert.Single(request.Headers.GetValues("Authorization"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=key/20261130/us-east-1/s3/aws4_request, " +
            "SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-trailer, Signature=",
            authorization, StringComparison.Ordinal);
        var amzHeaders = request.Headers.Where(h => h.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => Assert.Single(h.Value));
        Assert.Equal(new Dictionary<string, string>
        {
            ["x-amz-content-sha256"] = "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            ["x-amz-date"] = "20261130T120000Z",
            ["x-amz-decoded-content-length"] = "10",
            ["x-amz-trailer"] = "x-amz-checksum-crc32",
        }, amzHeaders);
        Assert.Equal(["aws-chunked"], request.Content!.Headers.ContentEncoding);
    }
}
