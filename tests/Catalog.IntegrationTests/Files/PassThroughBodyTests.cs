using Catalog.Api.Errors;
using Catalog.Api.Files.Upload;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// The body a pass-through upload hands to the store's PUT fills each buffer it is asked to, however little the
/// client's connection gives per read: every buffer the PUT is given becomes one write to the store (ADR 0101).
/// </summary>
public sealed class PassThroughBodyTests
{
    [Fact]
    public async Task A_read_fills_the_buffer_from_many_small_reads_of_the_request()
    {
        var content = SampleFiles.RandomBinary(300_000);
        var body = new PassThroughBody(content[..16], new TrickleStream(content[16..], 1000), content.Length);
        var buffer = new byte[64 * 1024];

        var head = await body.ReadAsync(buffer);
        var full = await body.ReadAsync(buffer);

        Assert.Equal(16, head);
        Assert.Equal(buffer.Length, full);
        Assert.Equal(content.AsSpan(16, buffer.Length).ToArray(), buffer);
    }

    [Fact]
    public async Task The_last_read_stops_at_the_announced_length()
    {
        var content = SampleFiles.RandomBinary(100_000);
        var body = new PassThroughBody([], new TrickleStream(content, 700), content.Length);
        using var copy = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var reads = new List<int>();

        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            reads.Add(read);
            copy.Write(buffer, 0, read);
        }

        Assert.Equal([64 * 1024, 100_000 - 64 * 1024], reads);
        Assert.Equal(content, copy.ToArray());
    }

    [Fact]
    public async Task A_request_that_ends_before_its_length_fails_the_read_as_the_clients_error()
    {
        var content = SampleFiles.RandomBinary(10_000);
        var body = new PassThroughBody([], new TrickleStream(content, 1000), 20_000);

        var failure = await Assert.ThrowsAsync<CatalogProblem>(async () => await body.ReadExactlyAsync(new byte[20_000]));

        Assert.Equal("BAD_USER_INPUT", failure.Code);
    }

    /// <summary>Gives at most <paramref name="perRead"/> bytes per read, as a network connection does.</summary>
    private sealed class TrickleStream(byte[] content, int perRead) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, perRead)], cancellationToken);
    }
}
