namespace Catalog.Api.Files.Upload;

/// <summary>
/// The spool folder (<c>Uploads:SpoolDirectory</c>) could not take an upload: the disk is full, a quota is reached, or
/// the folder fails. Nothing of the upload was kept.
/// </summary>
public sealed class SpoolUnavailableException(string folder, Exception inner)
    : Exception($"The upload spool {folder} could not take an upload: {inner.Message}", inner)
{
    private const int NoSpaceLeft = 28; // ENOSPC
    private const int DiskQuotaExceeded = 122; // EDQUOT

    public bool OutOfSpace { get; } = inner.HResult is NoSpaceLeft or DiskQuotaExceeded;
}
