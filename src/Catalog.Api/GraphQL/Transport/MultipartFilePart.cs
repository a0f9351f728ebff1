using Catalog.Api.Errors;
using Catalog.Sync.Storage;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>
/// The file part of a GraphQL multipart request, read from the body as it arrives (ADR 0075).
/// When the request has a length, the part's length follows from it, provided the part is the last one and the body
/// ends with the closing boundary as every client sends it (<c>CRLF--boundary--CRLF</c>): <see cref="ExactLength"/>.
/// The stream then checks both, so a body of another shape fails the read that would hand out its last bytes. Without
/// a request length, the part ends at the next delimiter, which must be a whole delimiter line (RFC 2046).
/// </summary>
public sealed class MultipartFilePart : ReadOnceStream
{
    private const int DelimitedReadBytes = 8 * 1024;
    private readonly MultipartBodyReader reader;
    private readonly byte[] closing;
    private readonly byte[] carry; // the last bytes handed out, where a delimiter could begin
    private int carried;
    private long position;
    private bool ended;

    public MultipartFilePart(MultipartBodyReader reader, long? requestLength)
    {
        this.reader = reader;
        closing = [.. reader.Delimiter, .. "--\r\n"u8];
        carry = new byte[reader.Delimiter.Length - 1];
        if (requestLength - reader.Consumed - closing.Length is >= 0 and var length)
            ExactLength = length;
    }

    /// <summary>The part's length, when the request's length tells it.</summary>
    public long? ExactLength { get; }

    public override long Length => ExactLength ?? throw new NotSupportedException();

    protected override long ReadSoFar => position;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (ended || buffer.IsEmpty)
            return 0;
        return ExactLength is { } length
            ? await ReadExactAsync(buffer, length, cancellationToken)
            : await ReadDelimitedAsync(buffer, cancellationToken);
    }

    private async Task<int> ReadExactAsync(Memory<byte> destination, long length, CancellationToken ct)
    {
        var read = 0;
        if (position < length)
        {
            read = await reader.ReadRawAsync(destination[..(int)Math.Min(destination.Length, length - position)], ct);
            if (read == 0)
                throw MultipartBodyReader.Malformed();
            ThrowIfDelimiterWithin(destination.Span[..read]);
            position += read;
        }
        if (position == length)
        {
            // Checked before the last bytes are handed out: a store's PUT of this part never completes on a wrong guess.
            if (!await reader.EndsWithExactlyAsync(closing, ct))
                throw NotLastPart();
            ended = true;
        }
        return read;
    }

    private async Task<int> ReadDelimitedAsync(Memory<byte> destination, CancellationToken ct)
    {
        var (available, delimiterNext) = await reader.BeforeDelimiterAsync(DelimitedReadBytes, ct);
        if (available == 0 && delimiterNext)
        {
            reader.SkipDelimiter();
            // RFC 2046: a delimiter is followed by "--" or a line break. Anything else is the boundary's bytes inside
            // the file, which would otherwise end it short, unnoticed. What follows a real delimiter is not read.
            try
            {
                await reader.NextPartFollowsAsync(ct);
            }
            catch (CatalogProblem)
            {
                throw BoundaryInsideFile();
            }
            ended = true;
            return 0;
        }
        var read = reader.TakeBuffered(destination.Span, available);
        position += read;
        return read;
    }

    /// <summary>A delimiter inside the guessed length means the part ended earlier: the body has another shape.</summary>
    private void ThrowIfDelimiterWithin(ReadOnlySpan<byte> chunk)
    {
        var delimiter = reader.Delimiter;
        if (chunk.IndexOf(delimiter) >= 0)
            throw NotLastPart();
        Span<byte> seam = stackalloc byte[2 * carry.Length];
        carry.AsSpan(0, carried).CopyTo(seam);
        var ahead = Math.Min(chunk.Length, carry.Length);
        chunk[..ahead].CopyTo(seam[carried..]);
        if (seam[..(carried + ahead)].IndexOf(delimiter) >= 0)
            throw NotLastPart();

        if (chunk.Length >= carry.Length)
        {
            chunk[^carry.Length..].CopyTo(carry);
            carried = carry.Length;
            return;
        }
        var drop = Math.Max(0, carried + chunk.Length - carry.Length);
        carry.AsSpan(drop, carried - drop).CopyTo(carry);
        chunk.CopyTo(carry.AsSpan(carried - drop));
        carried = carried - drop + chunk.Length;
    }

    private static CatalogProblem BoundaryInsideFile() => new(ErrorCode.BadUserInput,
        "The multipart body is malformed after the file: a boundary must be followed by '--' or a line break. The " +
        "boundary probably occurs inside the file's bytes; send it with a boundary that does not.");

    private static CatalogProblem NotLastPart() => new(ErrorCode.BadUserInput,
        "The file must be the last part of the multipart body, followed only by the closing boundary and a line break " +
        "(CRLF--boundary--CRLF), as browsers and client libraries send it. Send the request without Content-Length " +
        "(chunked) for any other shape.");
}
