namespace Catalog.Api.Files.Upload;

/// <summary><c>Uploads</c>: limits and where incoming bytes are spooled before they are stored.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    public long MaxFileSizeBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Folder for spooled uploads; empty means the system's temporary folder.</summary>
    public string SpoolDirectory { get; set; } = "";
}
