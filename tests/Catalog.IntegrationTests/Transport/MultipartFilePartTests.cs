using System.Security.Cryptography;
using System.Text;
using Catalog.Api.Errors;
using Catalog.Api.GraphQL.Transport;

namespace Catalog.IntegrationTests.Transport;

/// <summary>
/// The multipart reader on bodies that arrive a few bytes at a time, so that boundaries and delimiters fall across
/// reads wherever they can (ADR 0075). No host: the reader and the file part work on any stream.
/// </summary>
public sealed class MultipartFilePartTests
{
    private const string Boundary = "b0undary-XyZ";

    [Theory]
    [InlineData(1, true)]
    [InlineData(7, true)]
    [InlineData(4096, true)]
    [InlineData(1, false)]
    [InlineData(7, false)]
    [InlineData(4096, false)]
    public async Task The_file_comes_out_whole_however_the_body_is_cut(int readSize, bool withLength)
    {
        var file = RandomNumberGenerator.GetBytes(20_000);
        var body = Body(file, afterFile: "");

        var (part, read) = await ReadFileAsync(body, readSize, withLength);

        Assert.Equal(withLength ? file.Length : null, part.ExactLength);
        Assert.Equal(file, read);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(13)]
    public async Task A_part_after_the_file_is_found_even_when_its_delimiter_falls_across_reads(int readSize)
    {
        var file = RandomNumberGenerator.GetBytes(5_000);
        var body = Body(file, afterFile: $"\r\n--{Boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nafter");

        var problem = await Assert.ThrowsAsync<CatalogProblem>(() => ReadFileAsync(body, readSize, withLength: true));

        Assert.Equal(ErrorCode.BadUserInput, problem.Code);
        Assert.Contains("last part of the multipart body", problem.Message, StringComparison.Ordinal);
    }

    // Without a length the part ends at the first delimiter. The boundary's bytes inside the file, not followed by a
    // line break or "--", are no delimiter line: the body is malformed, and the file must not end there unnoticed.
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Without_a_length_the_boundary_inside_the_file_is_refused(int readSize)
    {
        var file = RandomNumberGenerator.GetBytes(5_000);
        var body = Body([.. file[..100], .. Encoding.ASCII.GetBytes($"\r\n--{Boundary}lo"), .. file[100..]], afterFile: "");

        var problem = await Assert.ThrowsAsync<CatalogProblem>(() => ReadFileAsync(body, readSize, withLength: false));

        Assert.Equal(ErrorCode.BadUserInput, problem.Code);
        Assert.Contains("boundary probably occurs inside the file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_bytes_are_not_handed_out_before_the_closing_is_checked()
    {
        var file = RandomNumberGenerator.GetBytes(1_000);
        var body = Body(file, afterFile: "", epilogue: "");
        var reader = new MultipartBodyReader(new CutStream(body, 64), Boundary);
        await SkipToFileAsync(reader);
        var part = new MultipartFilePart(reader, body.Length);
        var handedOut = 0;

        var problem = await Assert.ThrowsAsync<CatalogProblem>(async () =>
        {
            var buffer = new byte[64];
            int read;
            while ((read = await part.ReadAsync(buffer)) > 0)
                handedOut += read;
        });

        Assert.Equal(ErrorCode.BadUserInput, problem.Code);
        Assert.True(handedOut < part.ExactLength, $"{handedOut} of {part.ExactLength} bytes were handed out before the refusal");
    }

    // The reader's buffer grows by doubling, so one read can bring in the delimiter of a part up to twice the limit.
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1 << 20)]
    public async Task A_part_is_read_up_to_its_limit_and_not_a_byte_beyond(int readSize)
    {
        const int limit = 3_000;
        foreach (var (length, fits) in new[] { (limit, true), (limit + 1, false), (2 * limit - 100, false) })
        {
            var body = Encoding.ASCII.GetBytes(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{new string('x', length)}\r\n--{Boundary}--\r\n");
            var reader = new MultipartBodyReader(new CutStream(body, readSize), Boundary);
            Assert.True(await reader.StartAsync(default));
            await reader.ReadHeadersAsync(default);

            var part = await reader.ReadToDelimiterAsync(limit, default);

            Assert.True(fits ? part?.Length == length : part is null, $"a part of {length} bytes gave {part?.Length.ToString() ?? "null"}");
        }
    }

    private static async Task<(MultipartFilePart Part, byte[] Read)> ReadFileAsync(byte[] body, int readSize, bool withLength)
    {
        var reader = new MultipartBodyReader(new CutStream(body, readSize), Boundary);
        await SkipToFileAsync(reader);
        var part = new MultipartFilePart(reader, withLength ? body.Length : null);
        using var copy = new MemoryStream();
        await part.CopyToAsync(copy, 1000);
        return (part, copy.ToArray());
    }

    private static async Task SkipToFileAsync(MultipartBodyReader reader)
    {
        Assert.True(await reader.StartAsync(default));
        await reader.ReadHeadersAsync(default);
        Assert.NotNull(await reader.ReadToDelimiterAsync(1000, default));
        Assert.True(await reader.NextPartFollowsAsync(default));
        await reader.ReadHeadersAsync(default);
    }

    private static byte[] Body(byte[] file, string afterFile, string epilogue = "\r\n") =>
    [
        .. Encoding.ASCII.GetBytes(
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{{}}\r\n" +
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"0\"; filename=\"a.bin\"\r\n\r\n"),
        .. file,
        .. Encoding.ASCII.GetBytes($"{afterFile}\r\n--{Boundary}--{epilogue}"),
    ];

    /// <summary>Hands out at most a few bytes per read, as a slow network might.</summary>
    private sealed class CutStream(byte[] content, int readSize) : MemoryStream(content, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, readSize), cancellationToken);
    }
}
