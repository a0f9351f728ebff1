using Catalog.Domain.Files;
using Catalog.Sync.Storage;

namespace Catalog.Api.Files.DirectUploads;

/// <summary>Reads what a client PUT to a staging key, or its copy, without trusting any of it.</summary>
internal static class StagedObject
{
    /// <summary>The type the object's first bytes show.</summary>
    public static async Task<string> SniffAsync(LocalTier localTier, StorageLocation location, long size, CancellationToken ct)
    {
        if (size == 0)
            return ContentSniffer.Sniff([]);
        var head = new MemoryStream();
        var range = new ByteRange(0, Math.Min(size, ContentSniffer.HeadLength));
        await localTier.ReadAsync(location, range, recordedSize: null, (content, token) => content.CopyToAsync(head, token), ct);
        return ContentSniffer.Sniff(head.ToArray());
    }
}
