using Catalog.Domain.Files;

namespace Catalog.Api.Files.Upload;

/// <summary><c>Uploads</c>: what may be stored, how large, how much per user, and where bytes are spooled.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>No file is larger than this, whatever its type.</summary>
    public long MaxFileSizeBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Per kind of file (Image, Video, Audio, Document, Other), within <see cref="MaxFileSizeBytes"/>.</summary>
    public Dictionary<ContentCategory, long> MaxBytesByCategory { get; set; } = [];

    /// <summary>Media types accepted; <c>type/*</c> matches a family. Set in appsettings.json.</summary>
    public List<string> AllowedTypes { get; set; } = [];

    /// <summary>Media types refused even when allowed, judged on the sniffed bytes too (executables, scripts).</summary>
    public List<string> DeniedTypes { get; set; } = [];

    public long QuotaBytes { get; set; } = 10L * 1024 * 1024 * 1024;
    public long QuotaFiles { get; set; } = 100_000;

    /// <summary>Folder for spooled uploads; empty means the system's temporary folder.</summary>
    public string SpoolDirectory { get; set; } = "";

    public static IReadOnlyDictionary<ContentCategory, long> DefaultMaxBytes { get; } = new Dictionary<ContentCategory, long>
    {
        [ContentCategory.Image] = 10L * 1024 * 1024,
        [ContentCategory.Video] = 100L * 1024 * 1024,
        [ContentCategory.Audio] = 20L * 1024 * 1024,
        [ContentCategory.Document] = 50L * 1024 * 1024,
        [ContentCategory.Other] = 100L * 1024 * 1024,
    };

    public UploadPolicy Policy() => new(
        AllowedTypes,
        DeniedTypes,
        Enum.GetValues<ContentCategory>().ToDictionary(
            c => c,
            c => Math.Min(MaxFileSizeBytes, MaxBytesByCategory.TryGetValue(c, out var max) ? max : DefaultMaxBytes[c])));

    public Quota Quota() => new(QuotaBytes, QuotaFiles);
}
