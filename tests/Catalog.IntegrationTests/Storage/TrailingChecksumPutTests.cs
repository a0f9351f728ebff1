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
        var content = RandomNumberGenerator.GetBytes(1000);
        var key = NewKey();
        var body = new TrailingChecksumContent(new MemoryStream(content), content.Length, () => Crc32.HashToUInt32(content));

        using var response = await SignedPutAsync(key, body, content.Length, rightSecret ? TestEnvironment.SecretKey : "not-" + TestEnvironment.SecretKey);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, await host.LocalBucket.ExistsAsync(key));
    }

    [Fact]
    public async Task Bytes_after_the_trailer_are_refused_and_leave_no_object()
    {
        var (body, length) = await BytesAfterTheTrailerAsync(CancellationToken.None);
        var key = NewKey();

        using var response = await SignedPutAsync(key, body, length, TestEnvironment.SecretKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>IncompleteBody</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await host.LocalBucket.ExistsAsync(key));
    }

    // The test store once answered such a PUT before the object file it had begun to open was there to remove, so an
    // empty object appeared after the refusal: a few in every few hundred, with several PUTs in flight.
    [Fact]
    public async Task Refused_puts_leave_no_object_however_many_are_in_flight()
    {
        var left = 0;
        await Parallel.ForAsync(0, 800, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            var (body, length) = await BytesAfterTheTrailerAsync(ct);
            var key = NewKey();

            using var response = await SignedPutAsync(key, body, length, TestEnvironment.SecretKey);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            if (await host.LocalBucket.ExistsAsync(key))
                Interlocked.Increment(ref left);
        });

        Assert.Equal(0, left);
    }

    // A body framed as LocalTier frames it, its trailer right, with bytes after the trailer's end; and its decoded length.
    private static async Task<(HttpContent Body, long Length)> BytesAfterTheTrailerAsync(CancellationToken ct)
    {
        var content = RandomNumberGenerator.GetBytes(1000);
        using var framed = new TrailingChecksumContent(new MemoryStream(content), content.Length, () => Crc32.HashToUInt32(content));
        var body = new ByteArrayContent([.. await framed.ReadAsByteArrayAsync(ct), .. "more"u8]);
        body.Headers.ContentEncoding.Add("aws-chunked");
        return (body, content.Length);
    }

    // The PUT as LocalTier signs it, sent to the test server directly, with the secret given.
    private static async Task<HttpResponseMessage> SignedPutAsync(string key, HttpContent body, long decodedLength, string secretKey)
    {
        using var request = SignedTrailerPut.Create(TestEnvironment.LocalS3, "catalog-local", key, body, decodedLength,
            TestEnvironment.AccessKey, secretKey, "us-east-1", DateTimeOffset.UtcNow);
        return await Http.SendAsync(request);
    }

    private static readonly HttpClient Http = new();

    private static string NewKey() => $"trailer-tests/{Guid.NewGuid()}";
}
