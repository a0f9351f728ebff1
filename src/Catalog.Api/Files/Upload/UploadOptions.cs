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

    /// <summary>Media types accepted; <c>type/*</c> matches a family. Empty means <see cref="DefaultAllowedTypes"/>.</summary>
    public List<string> AllowedTypes { get; set; } = [];

    /// <summary>
    /// Media types refused even when allowed, judged on the sniffed bytes too (executables, scripts).
    /// Empty means <see cref="DefaultDeniedTypes"/>.
    /// </summary>
    public List<string> DeniedTypes { get; set; } = [];

    public long QuotaBytes { get; set; } = 10L * 1024 * 1024 * 1024;
    public long QuotaFiles { get; set; } = 100_000;

    /// <summary>Folder for spooled uploads; empty means the system's temporary folder.</summary>
    public string SpoolDirectory { get; set; } = "";

    /// <summary>The folder spooled uploads go to: <see cref="SpoolDirectory"/>, or the system's temporary folder.</summary>
    public string SpoolFolder => SpoolDirectory.Length > 0 ? SpoolDirectory : Path.GetTempPath();

    public static IReadOnlyDictionary<ContentCategory, long> DefaultMaxBytes { get; } = new Dictionary<ContentCategory, long>
    {
        [ContentCategory.Image] = 10L * 1024 * 1024,
        [ContentCategory.Video] = 100L * 1024 * 1024,
        [ContentCategory.Audio] = 20L * 1024 * 1024,
        [ContentCategory.Document] = 50L * 1024 * 1024,
        [ContentCategory.Other] = 100L * 1024 * 1024,
    };

    // Lists bound from configuration add to a list's initial items instead of replacing them, so the defaults
    // live here and apply only when configuration gives none.
    public static IReadOnlyList<string> DefaultAllowedTypes { get; } =
    [
        "image/*", "video/*", "audio/*", "text/*", "application/pdf", "application/json", "application/xml",
        "application/zip", "application/gzip", "application/x-gzip", "application/x-tar", "application/octet-stream",
        "application/rtf", "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet", "application/epub+zip",
    ];

    // Every name a browser runs as script (the WHATWG list of JavaScript MIME types), pages and stylesheets that
    // transform into pages, shell scripts: declared under any of them, a file is refused whatever its bytes.
    public static IReadOnlyList<string> DefaultDeniedTypes { get; } =
    [
        "application/x-msdownload", "application/x-executable", "application/x-mach-binary", "application/x-sh",
        "text/x-shellscript", "text/x-sh", "application/x-csh", "application/x-bat", "application/x-msi",
        "application/java-archive", "application/vnd.microsoft.portable-executable",
        "text/javascript", "application/javascript", "application/ecmascript", "application/x-ecmascript",
        "application/x-javascript", "text/ecmascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
        "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
        "text/x-ecmascript", "text/x-javascript",
        "text/html", "text/x-html", "application/xhtml+xml", "image/svg+xml", "text/xsl", "application/xslt+xml",
    ];

    public UploadPolicy Policy() => new(
        AllowedTypes.Count > 0 ? AllowedTypes : DefaultAllowedTypes,
        DeniedTypes.Count > 0 ? DeniedTypes : DefaultDeniedTypes,
        Enum.GetValues<ContentCategory>().ToDictionary(
            c => c,
            c => Math.Min(MaxFileSizeBytes, MaxBytesByCategory.TryGetValue(c, out var max) ? max : DefaultMaxBytes[c])));

    public Quota Quota() => new(QuotaBytes, QuotaFiles);
}
