using Catalog.Sync.Storage;

namespace Catalog.Sync.Transfer;

/// <summary>
/// Proof that the cloud copy holds the recorded bytes, before anyone may record it: the size from a HEAD, and the
/// bytes either confirmed by the ETags of their PUT or parts (the default), read back and hashed (any S3-compatible
/// store), or as the SHA-256 checksum the store computed (AWS S3).
/// A copy that fails is a transient failure: the next try writes it again.
/// </summary>
internal static class CopyVerification
{
    /// <summary>Reading the whole copy back proves its size as well, so no HEAD is sent first.</summary>
    public static async Task<string> ByReadingBackAsync(CloudTier cloud, string key, FileToCopy file, CancellationToken ct)
    {
        if (await cloud.ReadBackAsync(key, ct) is not { } read)
            throw Unverified(key, "it holds no object");
        if (read.Size != file.Size || read.Sha256 != file.Sha256)
            throw Unverified(key, $"reading it back gave {read.Size} bytes with SHA-256 {read.Sha256}");
        return read.Sha256;
    }

    /// <summary>
    /// After every PUT and part was confirmed by its ETag (the MD5 of the bytes sent), the stored size: the copy holds
    /// the bytes read from the local copy, whose SHA-256 is <paramref name="sentSha256"/> (ADR 0069).
    /// </summary>
    public static async Task<string> ByStoredSizeAsync(CloudTier cloud, string key, FileToCopy file, string sentSha256, CancellationToken ct)
    {
        var head = await cloud.HeadAsync(key, ct);
        if (head?.Size != file.Size)
            throw Unverified(key, $"it holds {head?.Size.ToString() ?? "no object"} instead of {file.Size} bytes");
        return sentSha256;
    }

    public static async Task<string> ByStoreChecksumAsync(CloudTier cloud, string key, FileToCopy file, string expected, CancellationToken ct)
    {
        var head = await cloud.HeadAsync(key, ct);
        if (head?.Size != file.Size)
            throw Unverified(key, $"it holds {head?.Size.ToString() ?? "no object"} instead of {file.Size} bytes");
        if (head.Value.ChecksumSha256 != expected)
            throw Unverified(key, $"the store reports SHA-256 checksum '{head.Value.ChecksumSha256}', expected '{expected}'");
        return file.Sha256;
    }

    private static CopyFailedException Unverified(string key, string why) =>
        new($"The cloud copy {key} failed verification: {why}.", isTransient: true);
}
