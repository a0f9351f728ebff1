namespace Catalog.Api.Files.Download;

/// <summary><c>Downloads</c>: how long a presigned download URL stays valid.</summary>
public sealed class DownloadOptions
{
    public const string Section = "Downloads";

    /// <summary>S3 signatures (version 4) cannot be valid for longer.</summary>
    public static readonly TimeSpan MaximumUrlLifetime = TimeSpan.FromDays(7);

    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
