using System.Security.Cryptography;
using Catalog.Api.Errors;
using Catalog.Domain.Files;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// An upload copied to a temporary file while its SHA-256 and size are computed, so that a file over the limit
/// is refused before any byte reaches storage and the store is given an exact size (see ADR 0006), and its CRC-32, which
/// the store checks what it receives against (ADR 0102). The temporary file is deleted when this is disposed.
/// </summary>
public sealed class SpooledFile : IAsyncDisposable
{
    private const int BufferSize = 128 * 1024;
    // Named for this service: the default spool folder, the system's temporary one, is shared with other programs.
    private const string NamePrefix = "catalog-upload-";
    private const string NameSuffix = ".part";

    /// <summary>The names spool files have, for <see cref="SpoolLeftovers"/>.</summary>
    public const string NamePattern = NamePrefix + "*" + NameSuffix;
    private readonly FileStream spool;

    private SpooledFile(FileStream spool, long size, string sha256, uint crc32)
    {
        this.spool = spool;
        Size = size;
        Sha256 = sha256;
        Crc32 = crc32;
    }

    public long Size { get; }
    public string Sha256 { get; }
    public uint Crc32 { get; }

    public Stream OpenRead()
    {
        spool.Position = 0;
        return spool;
    }

    /// <summary>The first bytes of an upload, for sniffing its type before anything is kept.</summary>
    public static async Task<byte[]> ReadHeadAsync(Stream source, int length, CancellationToken ct)
    {
        var head = new byte[length];
        var read = 0;
        int chunk;
        while (read < length && (chunk = await ClientReads.ReadAsync(source, head.AsMemory(read), ct)) > 0)
            read += chunk;
        return head[..read];
    }

    /// <exception cref="SpoolUnavailableException">The spool folder could not take the file: full, or failing.</exception>
    public static async Task<SpooledFile> CopyAsync(
        byte[] head, Stream rest, AcceptedContent accepted, string directory, CancellationToken ct)
    {
        FileStream? spool = null;
        try
        {
            spool = new FileStream(Path.Combine(directory, $"{NamePrefix}{Guid.NewGuid():N}{NameSuffix}"), FileMode.CreateNew,
                FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous | FileOptions.DeleteOnClose | FileOptions.SequentialScan);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var crc32 = new System.IO.Hashing.Crc32();
            CatalogProblem.ThrowIfRefused(ContentDecisions.CheckSize(accepted, head.Length));
            hash.AppendData(head);
            crc32.Append(head);
            await spool.WriteAsync(head, ct);

            var buffer = new byte[BufferSize];
            long size = head.Length;
            int read;
            while ((read = await ClientReads.ReadAsync(rest, buffer, ct)) > 0)
            {
                size += read;
                CatalogProblem.ThrowIfRefused(ContentDecisions.CheckSize(accepted, size));
                hash.AppendData(buffer, 0, read);
                crc32.Append(buffer.AsSpan(0, read));
                await spool.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            await spool.FlushAsync(ct);
            return new SpooledFile(spool, size, Convert.ToHexStringLower(hash.GetHashAndReset()), crc32.GetCurrentHashAsUInt32());
        }
        catch (Exception e)
        {
            if (spool is not null)
                await DisposeQuietlyAsync(spool); // a full disk fails the last flush on closing too
            // The client's own read failures are problems already (ClientReads), or the client is gone (cancelled): an
            // I/O failure otherwise is the spool's.
            if (e is IOException or UnauthorizedAccessException && !ct.IsCancellationRequested)
                throw new SpoolUnavailableException(directory, e);
            throw;
        }
    }

    private static async Task DisposeQuietlyAsync(FileStream spool)
    {
        try
        {
            await spool.DisposeAsync();
        }
        catch (IOException)
        {
            // the file is deleted on close all the same
        }
    }

    public ValueTask DisposeAsync() => spool.DisposeAsync();
}
