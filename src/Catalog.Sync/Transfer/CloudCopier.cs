using System.Buffers;
using System.Security.Cryptography;
using Catalog.Domain.Files;
using Catalog.Sync.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalog.Sync.Transfer;

/// <summary>
/// Streams one file from the local tier into the cloud tier and proves the copy before anyone may record it.
/// Memory per copy is bounded by one part (<c>Sync:PartSizeBytes</c>), whatever the file's size.
/// </summary>
public sealed class CloudCopier(LocalTier local, CloudTier cloud, IOptions<SyncOptions> options, ILogger<CloudCopier> logger)
{
    /// <summary>The verified cloud location and the SHA-256 the verification saw; throws when the copy cannot be trusted.</summary>
    public async Task<(StorageLocation Location, string VerifiedSha256)> CopyAsync(FileToCopy file, CancellationToken ct)
    {
        var target = cloud.LocationOf(file.OwnerId, file.FileId);
        var verification = options.Value.Verification;
        var withChecksums = verification == SyncVerification.StoreChecksum;
        var byEtags = verification == SyncVerification.Etag;
        var whole = file.Size <= options.Value.MultipartThresholdBytes;
        // A file no larger than a part is read whole before it is sent (ADR 0114): memory stays bounded by one part.
        var inMemory = whole && file.Size <= options.Value.PartSizeBytes;
        string? expectedChecksum = null;
        (long Size, string Sha256, bool Longer) sent = default;

        try
        {
            await local.ReadAsync(file.LocalCopy, file.Size, async (stream, token) =>
            {
                using var source = new HashingReadStream(stream, withMd5: byEtags && whole && !inMemory);
                expectedChecksum = inMemory
                    ? await PutFromMemoryAsync(target.ObjectKey, source, file, withChecksums, byEtags, token)
                    : whole
                        ? await PutWholeAsync(target.ObjectKey, source, file, withChecksums, byEtags, token)
                        : await PutInPartsAsync(target.ObjectKey, source, file.ContentType, withChecksums, byEtags, token);
                var longer = await source.ReadAsync(new byte[1], token) > 0;
                sent = (source.BytesRead, source.Sha256Hex(), longer);
            }, ct);
        }
        catch (DamagedCopyException damaged)
        {
            // Nothing was sent; trying again reads the same bytes, and the run is not short of a tier.
            throw Damaged(file, $"The local copy does not match the recorded size: {damaged.Message}");
        }

        if (sent.Longer || sent.Size != file.Size || sent.Sha256 != file.Sha256)
        {
            // Nothing will record that copy; a removal that fails must not hide the damage behind a tier's failure.
            await QuietRemoval.RunAsync("cloud", target, cloud.RemoveAsync, logger, ct);
            throw Damaged(file, $"The local copy does not match the recorded size or SHA-256 (read {sent.Size} bytes, SHA-256 {sent.Sha256}).");
        }

        var verified = verification switch
        {
            SyncVerification.StoreChecksum => await CopyVerification.ByStoreChecksumAsync(cloud, target.ObjectKey, file, expectedChecksum!, ct),
            // A whole PUT's ETag, the MD5 of exactly the bytes sent, proves their length too; parts need the stored size.
            SyncVerification.Etag => whole ? sent.Sha256 : await CopyVerification.ByStoredSizeAsync(cloud, target.ObjectKey, file, sent.Sha256, ct),
            _ => await CopyVerification.ByReadingBackAsync(cloud, target.ObjectKey, file, ct),
        };
        if (!whole)
            await AbortEarlierUploadsAsync(target.ObjectKey, ct);
        return (target, verified);
    }

    /// <summary>
    /// An abort that could not reach the store leaves its parts stored and billed, on S3 for ever unless the bucket has
    /// an AbortIncompleteMultipartUpload rule (ADR 0109). Once the file's copy is verified, any upload of its key still
    /// open is such a leftover; failing to abort it costs space, not the copy.
    /// </summary>
    private async Task AbortEarlierUploadsAsync(string key, CancellationToken ct)
    {
        try
        {
            if (await cloud.AbortOpenUploadsAsync(key, ct) is > 0 and var aborted)
                logger.EarlierUploadsAborted(aborted, key);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.EarlierUploadsLeftOpen(key, TransientFailures.Describe(e));
        }
    }

    /// <summary>
    /// A file still to sync has no cloud copy, so its damaged local copy is its only one: the operator hears of it now,
    /// not once it has failed in <c>Sync:MaxFailedRunsBeforeReport</c> runs.
    /// </summary>
    private CopyFailedException Damaged(FileToCopy file, string why)
    {
        logger.LocalCopyDamaged(file.FileId, why);
        return new CopyFailedException(why, isTransient: false);
    }

    /// <summary>
    /// Reads the whole file, then sends it in one PUT with its MD5 as Content-MD5. A local copy shorter than recorded is
    /// not sent: the size check after the read reports it.
    /// </summary>
    private async Task<string> PutFromMemoryAsync(
        string key, HashingReadStream source, FileToCopy file, bool withChecksum, bool byEtag, CancellationToken ct)
    {
        var sha256 = Convert.FromHexString(file.Sha256);
        var size = (int)file.Size;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            var length = await source.ReadAtLeastAsync(buffer.AsMemory(0, size), size, throwOnEndOfStream: false, ct);
            if (length == size)
            {
                var md5 = ObjectMd5.Of(buffer.AsSpan(0, length));
                var etag = await cloud.PutAsync(key, buffer, length, file.ContentType, md5, withChecksum ? sha256 : null, ct);
                if (byEtag)
                    StoredEtags.Confirm(key, etag, md5, "PUT");
            }
            return Convert.ToBase64String(sha256);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<string> PutWholeAsync(
        string key, HashingReadStream source, FileToCopy file, bool withChecksum, bool byEtag, CancellationToken ct)
    {
        var sha256 = Convert.FromHexString(file.Sha256);
        var etag = await cloud.PutAsync(key, source, file.Size, file.ContentType, withChecksum ? sha256 : null, ct);
        if (byEtag)
            StoredEtags.Confirm(key, etag, source.Md5(), "PUT");
        return Convert.ToBase64String(sha256);
    }

    /// <summary>
    /// With checksums, returns the one S3 reports for such an upload: the SHA-256 of the parts' SHA-256s, dash, part
    /// count; without, null.
    /// </summary>
    private async Task<string?> PutInPartsAsync(
        string key, Stream source, string contentType, bool withChecksums, bool byEtags, CancellationToken ct)
    {
        var partSize = (int)options.Value.PartSizeBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        var upload = await cloud.StartMultipartAsync(key, contentType, withChecksums, ct);
        try
        {
            using var ofParts = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            int length;
            while ((length = await source.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, false, ct)) > 0)
            {
                // The parts' own hashes matter only to a store that checks them; the file is hashed as it is read.
                var partSha256 = withChecksums ? SHA256.HashData(buffer.AsSpan(0, length)) : null;
                if (partSha256 is not null)
                    ofParts.AppendData(partSha256);
                var partMd5 = byEtags ? ObjectMd5.Of(buffer.AsSpan(0, length)) : null;
                await upload.SendPartAsync(buffer, length, partSha256, partMd5, ct);
            }

            await upload.CompleteAsync(ct);
            return withChecksums ? $"{Convert.ToBase64String(ofParts.GetHashAndReset())}-{upload.PartCount}" : null;
        }
        catch
        {
            // The file's next try starts a new upload.
            await upload.AbortQuietlyAsync(logger);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
