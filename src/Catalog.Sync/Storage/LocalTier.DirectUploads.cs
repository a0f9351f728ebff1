using System.Globalization;
using System.Security.Cryptography;
using Catalog.Domain.Files;

namespace Catalog.Sync.Storage;

// Direct uploads: the client PUTs the bytes to a staging key; the service copies verified bytes to the file's key.
public sealed partial class LocalTier
{
    public StorageLocation StagingLocationOf(Guid ownerId, Guid uploadId) => new(Bucket, ObjectKeys.Staging(ownerId, uploadId));

    /// <summary>
    /// A URL anyone can PUT the object with until it expires, for a body of exactly <paramref name="size"/> bytes: the
    /// length is a signed header, so the store itself refuses a PUT of any other length (ADR 0017). Signed here because
    /// the Minio client signs presigned URLs over <c>host</c> alone.
    /// </summary>
    public Uri PresignPut(StorageLocation location, long size, TimeSpan lifetime)
    {
        var o = options.Value;
        var endpoint = o.ClientEndpoint!;
        var headers = new Dictionary<string, string>
        {
            ["content-length"] = size.ToString(CultureInfo.InvariantCulture),
            ["host"] = endpoint.IsDefaultPort ? endpoint.Host : endpoint.Authority,
        };
        return SigV4.Presign("PUT", endpoint, $"/{location.Bucket}/{location.ObjectKey}", headers, lifetime,
            o.AccessKey, o.SecretKey, o.Region, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Streams <paramref name="size"/> bytes from <paramref name="from"/> to <paramref name="to"/>, hashing exactly what
    /// the store confirmed it kept (ADR 0066); the SHA-256 and count of those bytes, or null when <paramref name="from"/>
    /// is gone. A source that changes meanwhile cannot slip past: the hash is of the copy, not of an earlier read. A failed
    /// copy leaves no multipart upload; clearing <paramref name="to"/> is the caller's, which must do so when any later
    /// step fails as well.
    /// </summary>
    /// <exception cref="SourceResizedException"><paramref name="from"/> is not <paramref name="size"/> bytes long (any more); nothing was copied.</exception>
    public async Task<(long Size, string Sha256)?> CopyHashedAsync(
        StorageLocation from, StorageLocation to, long size, string contentType, CancellationToken ct)
    {
        if (to.Bucket != Bucket)
            throw new ArgumentException($"Copies go to the configured bucket {Bucket}, not {to.Bucket}.", nameof(to));
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        bool found;
        try
        {
            // The answer's length is checked before any byte is copied: a source PUT again with another size since its
            // size was looked at would otherwise end the copy short, or be copied in part.
            found = await ReadAsync(from, null, recordedSize: size, (content, token) => PutPartsAsync(to.ObjectKey, content, size, contentType, sha256, token), ct);
        }
        catch (DamagedCopyException resized)
        {
            throw new SourceResizedException(resized.Message);
        }
        return found ? (size, Convert.ToHexStringLower(sha256.GetHashAndReset())) : null;
    }
}
