using System.Buffers;
using System.Security.Cryptography;
using Catalog.Domain.Files;
using Catalog.Sync.Storage;
using Microsoft.Extensions.Options;

namespace Catalog.Sync.Transfer;

/// <summary>
/// Streams one file from the local tier into the cloud tier and proves the copy before anyone may record it.
/// Memory per copy is bounded by one part (<c>Sync:PartSizeBytes</c>), whatever the file's size.
/// </summary>
public sealed class CloudCopier(LocalTier local, CloudTier cloud, IOptions<SyncOptions> options)
{
    /// <summary>The verified cloud location and the SHA-256 the verification saw; throws when the copy cannot be trusted.</summary>
    public async Task<(StorageLocation Location, string VerifiedSha256)> CopyAsync(FileToCopy file, CancellationToken ct)
    {
        var target = cloud.LocationOf(file.OwnerId, file.FileId);
        var withChecksums = options.Value.Verification == SyncVerification.StoreChecksum;
        string? expectedChecksum = null;
        (long Size, string Sha256, bool Longer) sent = default;

        await local.ReadAsync(file.LocalKey, async (stream, token) =>
        {
            using var source = new HashingReadStream(stream);
            expectedChecksum = file.Size <= options.Value.MultipartThresholdBytes
                ? await PutWholeAsync(target.ObjectKey, source, file, withChecksums, token)
                : await PutInPartsAsync(target.ObjectKey, source, file.ContentType, withChecksums, token);
            var longer = await source.ReadAsync(new byte[1], token) > 0;
            sent = (source.BytesRead, source.Sha256Hex(), longer);
        }, ct);

        if (sent.Longer || sent.Size != file.Size || sent.Sha256 != file.Sha256)
        {
            await cloud.RemoveAsync(target.ObjectKey, ct);
            throw new CopyFailedException(
                $"The local copy does not match the recorded size or SHA-256 (read {sent.Size} bytes, SHA-256 {sent.Sha256}).",
                isTransient: false);
        }

        var verified = withChecksums
            ? await CopyVerification.ByStoreChecksumAsync(cloud, target.ObjectKey, file, expectedChecksum!, ct)
            : await CopyVerification.ByReadingBackAsync(cloud, target.ObjectKey, file, ct);
        return (target, verified);
    }

    private async Task<string> PutWholeAsync(string key, Stream source, FileToCopy file, bool withChecksum, CancellationToken ct)
    {
        var sha256 = Convert.FromHexString(file.Sha256);
        await cloud.PutAsync(key, source, file.Size, file.ContentType, withChecksum ? sha256 : null, ct);
        return Convert.ToBase64String(sha256);
    }

    /// <summary>
    /// With checksums, returns the one S3 reports for such an upload: the SHA-256 of the parts' SHA-256s, dash, part
    /// count; without, null.
    /// </summary>
    private async Task<string?> PutInPartsAsync(string key, Stream source, string contentType, bool withChecksums, CancellationToken ct)
    {
        var partSize = (int)options.Value.PartSizeBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        var uploadId = await cloud.StartMultipartAsync(key, contentType, withChecksums, ct);
        try
        {
            using var ofParts = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var parts = new List<Amazon.S3.Model.PartETag>();
            int length;
            while ((length = await source.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, false, ct)) > 0)
            {
                // The parts' own hashes matter only to a store that checks them; the file is hashed as it is read.
                var partSha256 = withChecksums ? SHA256.HashData(buffer.AsSpan(0, length)) : null;
                if (partSha256 is not null)
                    ofParts.AppendData(partSha256);
                parts.Add(await cloud.UploadPartAsync(key, uploadId, parts.Count + 1, buffer, length, partSha256, ct));
            }

            await cloud.CompleteMultipartAsync(key, uploadId, parts, ct);
            return withChecksums ? $"{Convert.ToBase64String(ofParts.GetHashAndReset())}-{parts.Count}" : null;
        }
        catch
        {
            await AbortQuietlyAsync(key, uploadId);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            await cloud.AbortMultipartAsync(key, uploadId, CancellationToken.None);
        }
        catch (Exception)
        {
            // The store expires abandoned uploads; the file's next try starts a new one.
        }
    }
}
