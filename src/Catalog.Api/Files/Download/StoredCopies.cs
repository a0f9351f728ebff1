using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Catalog.Sync.Storage;

namespace Catalog.Api.Files.Download;

/// <summary>
/// Picks the tier a download reads from: the local copy while there is one, else the cloud copy. A local object that
/// has gone missing, that has another size than its record, or whose store fails before any byte was served falls back
/// to the cloud copy, so a synced file is served from either tier; only when no copy serves is the first failure
/// thrown (503 for a store's failure or a damaged copy).
/// </summary>
public sealed class StoredCopies(LocalTier localTier, CloudTier cloudTier, ILogger<StoredCopies> logger)
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
        Exception? failed = null;
        foreach (var copy in Of(file))
        {
            try
            {
                var size = copy.Tier == StorageTier.Cloud
                    ? await cloudTier.SizeOfAsync(copy.Location, ct)
                    : await localTier.SizeOfAsync(copy.Location, ct);
                if (size is null)
                    continue;
                StoredSizes.Confirm(copy.Tier, copy.Location.ObjectKey, file.Size, range: null, size, rangeTotal: null);
                return (copy.Tier, copy.Tier == StorageTier.Cloud
                    ? await cloudTier.PresignGetAsync(copy.Location, lifetime, disposition, file.ContentType)
                    : await localTier.PresignGetAsync(copy.Location, lifetime, disposition, file.ContentType));
            }
            catch (Exception e) when (!ct.IsCancellationRequested && StorageFailures.IsUnavailable(e))
            {
                Report(file, copy, e);
                failed ??= e;
            }
        }
        throw failed ?? NoCopy(file);
    }

    /// <summary>Streams the bytes of the first copy that serves to <paramref name="consume"/>, told which tier it is.</summary>
    public async Task ReadAsync(
        FileListing file, ByteRange? range, Func<StorageTier, Stream, CancellationToken, Task> consume, CancellationToken ct)
    {
        Exception? failed = null;
        foreach (var copy in Of(file))
        {
            var consumed = false;
            Task Consume(Stream stream, CancellationToken token)
            {
                consumed = true;
                return consume(copy.Tier, stream, token);
            }

            try
            {
                var found = copy.Tier == StorageTier.Cloud
                    ? await cloudTier.ReadAsync(copy.Location, range, file.Size, Consume, ct)
                    : await localTier.ReadAsync(copy.Location, range, file.Size, Consume, ct);
                if (found)
                    return;
            }
            catch (Exception e) when (!consumed && !ct.IsCancellationRequested && StorageFailures.IsUnavailable(e))
            {
                Report(file, copy, e);
                failed ??= e;
            }
        }
        throw failed ?? NoCopy(file);
    }

    private void Report(FileListing file, StoredCopy copy, Exception failure)
    {
        if (failure is DamagedCopyException)
            logger.LogError("File {FileId}: its {Tier} copy is damaged ({Reason}); the next copy is tried, if there is one", file.Id, copy.Tier, failure.Message);
        else
            logger.LogWarning("File {FileId}: its {Tier} copy could not be read ({Reason}); the next copy is tried, if there is one", file.Id, copy.Tier, failure.Message);
    }

    private static MissingCopiesException NoCopy(FileListing file) =>
        new($"No tier holds the bytes of file {file.Id} (local {file.LocalCopy}, cloud {file.CloudCopy?.ToString() ?? "none"}).");
}

/// <summary>No copy the listing names exists: the bytes are lost, unless the listing was older than an eviction.</summary>
public sealed class MissingCopiesException(string message) : InvalidOperationException(message);
