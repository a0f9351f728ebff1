namespace Catalog.Sync.Storage;

/// <summary>
/// The store's word on what it kept from a PUT with a trailing checksum (ADR 0102): S3 and MinIO compute the checksum
/// over the bytes they receive, refuse the PUT when it differs from the trailer, and name the stored one in the answer.
/// </summary>
internal static class StoredChecksums
{
    public static void Confirm(string key, string? stored, uint crc32)
    {
        var sent = TrailingChecksumContent.Encoded(crc32);
        if (stored is null)
            throw new StoredBytesMismatchException(
                $"The local tier did not confirm the checksum of the PUT of {key}: it answered without {TrailingChecksumContent.TrailerName}, " +
                "so it does not check trailing checksums (S3 and MinIO do), and what it kept is unknown.");
        if (!string.Equals(stored, sent, StringComparison.Ordinal))
            throw new StoredBytesMismatchException(
                $"The store kept other bytes than were sent for the PUT of {key}: its CRC-32 is '{stored}', that of what was sent is {sent}.");
    }
}
