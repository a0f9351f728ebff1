using System.Net;
using System.IO.Hashing;
using System.Security.Cryptography;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Storage;

/// <summary>
/// Single PUTs to the local tier, signed by the service and checked by the store against their trailing CRC-32
/// (ADR 0102), against the test server the scripts start.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class TrailingChecksumPutTests(CatalogHost host)
{
    private LocalTier Tier => host.Host.Services.GetRequiredService<LocalTier>();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(TrailingChecksumContent.ChunkBytes)]
    [InlineData(3 * TrailingChecksumContent.ChunkBytes + 17)]
    public async Task The_store_keeps_exactly_the_bytes_with_their_type_and_no_chunked_encoding(int size)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        var key = NewKey();

        await Tier.PutAsync(key, new MemoryStream(content), size, "text/csv", Crc32.HashToUInt32(content), default);

        Assert.Equal((size, FileCalls.Sha256Of(content)), await host.LocalBucket.ReadAsync(key));
        var (contentType, contentEncoding) = await host.LocalBucket.ContentHeadersAsync(key);
        Assert.Equal(("text/csv", null), (contentType, contentEncoding));
    }

    [Fact]
    public async Task A_trailer_other_than_the_bytes_is_refused_by_the_store_and_leaves_no_object()
    {
        var content = RandomNumberGenerator.GetBytes(100_000);
        var other = Crc32.HashToUInt32(content) ^ 1;
        var key = NewKey();

        var refused = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            Tier.PutAsync(key, new MemoryStream(content), content.Length, "application/octet-stream", other, default));

        Assert.Contains("answered 400", refused.Message, StringComparison.Ordinal);
        Assert.Contains("BadDigest", refused.Message, StringComparison.Ordinal);
        Assert.False(await host.LocalBucket.ExistsAsync(key));
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.Forbidden)]
    public async Task The_store_checks_the_signature(bool rightSecret, HttpStatusCode expected)
    {
        var secretKey = rightSecret ? TestEnvironment.SecretKey : "not-" + TestEnvironment.SecretKey;
        var content = RandomNumberGenerator.GetBytes(1000);
        var key = NewKey();
        var path = $"/catalog-local/{key}";
        var now = DateTimeOffset.UtcNow;
        var headers = new Dictionary<string, string>
        {
            ["content-encoding"] = "aws-chunked",
            ["host"] = TestEnvironment.LocalS3.Authority,
            ["x-amz-content-sha256"] = TrailingChecksumContent.PayloadHash,
            ["x-amz-date"] = SigV4.AmzDate(now),
            ["x-amz-decoded-content-length"] = "1000",
            ["x-amz-trailer"] = TrailingChecksumContent.TrailerName,
        };
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(TestEnvironment.LocalS3, path))
        {
            Content = new TrailingChecksumContent(new MemoryStream(content), content.Length, () => Crc32.HashToUInt32(content)),
        };
        foreach (var name in new[] { "x-amz-content-sha256", "x-amz-date", "x-amz-decoded-content-length", "x-amz-trailer" })
            request.Headers.Add(name, headers[name]);
        request.Headers.TryAddWithoutValidation("Authorization", SigV4.Authorization(
            "PUT", path, headers, TrailingChecksumContent.PayloadHash, TestEnvironment.AccessKey, secretKey, "us-east-1", now));
        using var http = new HttpClient();

        using var response = await http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, await host.LocalBucket.ExistsAsync(key));
    }

    private static string NewKey() => $"trailer-tests/{Guid.NewGuid()}";
}
