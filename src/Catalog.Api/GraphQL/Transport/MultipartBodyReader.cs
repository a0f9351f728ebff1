using System.Text;
using Catalog.Api.Errors;
using Catalog.Api.Files.Upload;

namespace Catalog.Api.GraphQL.Transport;

/// <summary>
/// Reads a <c>multipart/form-data</c> body part by part (RFC 2046), and counts every byte it consumes: the file
/// part's length can then be told from the request's length before the part is read (ADR 0075). Small parts are
/// read whole, within a limit; the file part is read by <see cref="MultipartFilePart"/>.
/// </summary>
public sealed class MultipartBodyReader
{
    private const int HeaderBlockLimit = 16 * 1024;
    private static readonly byte[] LineBreak = "\r\n"u8.ToArray();
    private readonly Stream body;
    private byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;

    public MultipartBodyReader(Stream body, string boundary)
    {
        this.body = body;
        Delimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
    }

    /// <summary><c>CRLF--boundary</c>: what ends every part.</summary>
    public byte[] Delimiter { get; }

    /// <summary>Bytes of the body consumed so far.</summary>
    public long Consumed { get; private set; }

    /// <summary>Skips any preamble and the first boundary; false when the body has no parts at all.</summary>
    public async Task<bool> StartAsync(CancellationToken ct)
    {
        var first = Delimiter.AsMemory(2); // the first boundary may open the body without a line break
        if (await FillAsync(first.Length, ct) >= first.Length && Unread.StartsWith(first.Span))
            Consume(first.Length);
        else if (await ReadToDelimiterAsync(HeaderBlockLimit, ct) is null)
            throw Malformed(); // a preamble longer than any client sends
        return await NextPartFollowsAsync(ct);
    }

    /// <summary>After a delimiter: true when another part follows, false at the closing <c>--</c>.</summary>
    public async Task<bool> NextPartFollowsAsync(CancellationToken ct)
    {
        if (await FillAsync(2, ct) >= 2 && Unread[0] == '-' && Unread[1] == '-')
        {
            Consume(2);
            return false;
        }
        var line = await ReadLineAsync(ct);
        if (line.Trim().Length > 0) // RFC 2046 allows only white space after a boundary
            throw Malformed();
        return true;
    }

    /// <summary>A part's header block, up to and including the empty line.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadHeadersAsync(CancellationToken ct)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var total = 0;
        while (await ReadLineAsync(ct) is { Length: > 0 } line)
        {
            total += line.Length;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || total > HeaderBlockLimit)
                throw Malformed();
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return headers;
    }

    /// <summary>A small part's body, up to the delimiter that ends it (consumed too); null when it is over the limit.</summary>
    public Task<byte[]?> ReadToDelimiterAsync(int maxBytes, CancellationToken ct) => ReadToAsync(Delimiter, maxBytes, ct);

    /// <summary>Up to <paramref name="destination"/>'s length of the body as it comes: what is buffered first, then the body.</summary>
    public async ValueTask<int> ReadRawAsync(Memory<byte> destination, CancellationToken ct)
    {
        if (end > start)
            return TakeBuffered(destination.Span, end - start);
        var read = await ClientReads.ReadAsync(body, destination, ct); // straight from the body: nothing buffered to skip
        Consumed += read;
        return read;
    }

    /// <summary>Whether the body holds exactly <paramref name="expected"/> more bytes and then ends.</summary>
    public async Task<bool> EndsWithExactlyAsync(ReadOnlyMemory<byte> expected, CancellationToken ct)
    {
        if (await FillAsync(expected.Length + 1, ct) != expected.Length || !Unread.SequenceEqual(expected.Span))
            return false;
        Consume(expected.Length);
        return true;
    }

    /// <summary>
    /// For a part read up to its delimiter: how many of the buffered bytes may be handed out (none of them can start the
    /// delimiter), and whether the delimiter follows them. Reads more of the body when it needs to look further.
    /// </summary>
    public async Task<(int Available, bool DelimiterNext)> BeforeDelimiterAsync(int want, CancellationToken ct)
    {
        var had = await FillAsync(Math.Max(want, Delimiter.Length), ct);
        var at = Unread.IndexOf(Delimiter);
        if (at >= 0)
            return (at, true);
        if (had < Delimiter.Length)
            throw Malformed(); // the body ended inside the part
        return (had - Delimiter.Length + 1, false);
    }

    /// <summary>Hands out <paramref name="count"/> buffered bytes (see <see cref="BeforeDelimiterAsync"/>).</summary>
    public int TakeBuffered(Span<byte> destination, int count)
    {
        count = Math.Min(count, destination.Length);
        Unread[..count].CopyTo(destination);
        Consume(count);
        return count;
    }

    public void SkipDelimiter() => Consume(Delimiter.Length);

    public static CatalogProblem Malformed() => new(ErrorCode.BadUserInput, "The multipart body is malformed or ended early.");

    private ReadOnlySpan<byte> Unread => buffer.AsSpan(start, end - start);

    private void Consume(int count)
    {
        start += count;
        Consumed += count;
        if (start == end)
            start = end = 0;
    }

    private async Task<string> ReadLineAsync(CancellationToken ct) =>
        Encoding.UTF8.GetString(await ReadToAsync(LineBreak, HeaderBlockLimit, ct) ?? throw Malformed());

    /// <summary>The bytes before <paramref name="terminator"/>, which is consumed too; null when more than the limit come first.</summary>
    private async Task<byte[]?> ReadToAsync(byte[] terminator, int maxBytes, CancellationToken ct)
    {
        var searchFrom = 0;
        while (true)
        {
            var at = Unread[searchFrom..].IndexOf(terminator);
            if (at >= 0 && searchFrom + at > maxBytes)
                return null; // the terminator came, but after more than the limit: a larger buffer had read it in
            if (at >= 0)
            {
                var bytes = Unread[..(searchFrom + at)].ToArray();
                Consume(searchFrom + at + terminator.Length);
                return bytes;
            }
            if (Unread.Length > maxBytes + terminator.Length)
                return null;
            searchFrom = Math.Max(0, Unread.Length - terminator.Length + 1);
            var had = Unread.Length;
            if (await FillAsync(had + 1, ct) == had)
                throw Malformed();
        }
    }

    /// <summary>Reads until at least <paramref name="count"/> bytes are buffered or the body ends; returns how many are.</summary>
    private async Task<int> FillAsync(int count, CancellationToken ct)
    {
        while (end - start < count)
        {
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2); // callers bound what they wait for
            var read = await ClientReads.ReadAsync(body, buffer.AsMemory(end), ct);
            if (read == 0)
                break;
            end += read;
        }
        return end - start;
    }
}
