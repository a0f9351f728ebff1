using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Catalog.Sync.Storage;

/// <summary>
/// The store's own word on what it kept (ADR 0066): S3 and S3-compatible stores answer a PUT or an upload part with an
/// ETag that is the MD5 of the bytes they stored. A completed multipart upload's ETag is not checked: stores differ
/// in how they form it, and it joins parts whose ETags were checked, named by those ETags.
/// </summary>
internal static class StoredEtags
{
    public static void Confirm(string key, string? etag, ReadOnlySpan<byte> md5, string what)
    {
        var expected = Convert.ToHexStringLower(md5);
        var stored = etag?.Trim('"');
        if (!string.Equals(stored, expected, StringComparison.OrdinalIgnoreCase))
            throw new StoredBytesMismatchException(
                $"The store kept other bytes than were sent for the {what} of {key}: its ETag is '{stored}', the MD5 of what was sent is {expected}.");
    }
}

/// <summary>The store kept other bytes than were sent: its ETag or the stored size says so.</summary>
public sealed class StoredBytesMismatchException(string message) : StorageUnavailableException(message);

/// <summary>
/// The MD5 a multipart part or a cloud PUT is checked by. MD5 here is S3's transfer check (Content-MD5 and ETag), not a
/// security measure: SHA-256 is what names the bytes.
/// </summary>
[SuppressMessage("Security", "CA5351", Justification = "S3's Content-MD5 and ETag are MD5 by definition.")]
public static class ObjectMd5
{
    public static byte[] Of(ReadOnlySpan<byte> bytes) => MD5.HashData(bytes);

    public static Task<byte[]> OfAsync(Stream content, CancellationToken ct) => MD5.HashDataAsync(content, ct).AsTask();
}
