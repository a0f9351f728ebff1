namespace Catalog.Api.Files.Upload;

/// <summary>
/// The spool folder (<c>Uploads:SpoolDirectory</c>) could not take an upload: the disk is full, a quota is reached, or
/// the folder fails. Nothing of the upload was kept.
/// </summary>
public sealed class SpoolUnavailableException(string folder, Exception inner)
    : Exception($"The upload spool {folder} could not take an upload: {inner.Message}", inner)
{
    // On Linux, .NET gives an I/O error's errno as its HResult; these are Linux's numbers (macOS's EDQUOT is 69).
    private const int NoSpaceLeft = 28; // ENOSPC
    private const int DiskQuotaExceeded = 122; // EDQUOT

    public bool OutOfSpace { get; } = inner.HResult is NoSpaceLeft or DiskQuotaExceeded;
}
