using System.Security.Cryptography;
using System.Text;

namespace Catalog.Domain.Files;

/// <summary>
/// The stream id of an owner's <see cref="SharedContent"/> with one SHA-256: derived, not stored, so that every writer
/// finds (and locks) the same stream without a lookup.
/// </summary>
public static class ContentIds
{
    public static Guid For(Guid ownerId, string sha256)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"hybridstorage/content/{ownerId:D}/{sha256}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: a custom, name-based id (RFC 9562)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
