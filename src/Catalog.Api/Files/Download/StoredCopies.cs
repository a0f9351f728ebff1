using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Storage;

namespace Catalog.Api.Files.Download;

/// <summary>
/// Picks the tier a download reads from: the local copy while there is one, else the cloud copy. A local object that
/// has gone missing falls back to the cloud copy, so a file whose local copy was evicted after sync is served
/// transparently either way.
/// </summary>
public sealed class StoredCopies(LocalTier localTier, CloudTier cloudTier)
{
    /// <summary>The listing's copies, best first; its tier is <c>Cloud</c> once the sync evicted the local copy.</summary>
    public static IReadOnlyList<StoredCopy> Of(FileListing file)
    {
        var copies = new List<StoredCopy>(2);
        if (file.Tier != StorageTier.Cloud)
            copies.Add(new StoredCopy(StorageTier.Local, file.LocalCopy));
        if (file.CloudCopy is { } cloud)
            copies.Add(new StoredCopy(StorageTier.Cloud, cloud));
        return copies;
    }

    public async Task<(StorageTier Tier, Uri Url)> PresignAsync(FileListing file, TimeSpan lifetime, CancellationToken ct)
    {
        var disposition = ContentDisposition.Attachment(file.Name);
        foreach (var copy in Of(file))
        {
            if (copy.Tier == StorageTier.Local && await localTier.ExistsAsync(copy.Location, ct))
                return (copy.Tier, await localTier.PresignGetAsync(copy.Location, lifetime, disposition, file.ContentType));
            if (copy.Tier == StorageTier.Cloud && await cloudTier.ExistsAsync(copy.Location, ct))
                return (copy.Tier, await cloudTier.PresignGetAsync(copy.Location, lifetime, disposition, file.ContentType));
        }
        throw NoCopy(file);
    }

    /// <summary>
    /// Streams the bytes of the first copy that exists to <paramref name="consume"/>, told which tier it is. A copy of
    /// another size than the file's record is a failure of its store, found before any byte is consumed.
    /// </summary>
    public async Task ReadAsync(
        FileListing file, ByteRange? range, Func<StorageTier, Stream, CancellationToken, Task> consume, CancellationToken ct)
    {
        var length = range?.Length ?? file.Size;
        foreach (var copy in Of(file))
        {
            var found = copy.Tier == StorageTier.Cloud
                ? await cloudTier.ReadAsync(copy.Location, range, length, (stream, token) => consume(copy.Tier, stream, token), ct)
                : await localTier.ReadAsync(copy.Location, range, length, (stream, token) => consume(copy.Tier, stream, token), ct);
            if (found)
                return;
        }
        throw NoCopy(file);
    }

    private static InvalidOperationException NoCopy(FileListing file) =>
        new($"No tier holds the bytes of file {file.Id} (local {file.LocalCopy}, cloud {file.CloudCopy?.ToString() ?? "none"}).");
}
