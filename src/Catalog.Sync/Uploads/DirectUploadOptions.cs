namespace Catalog.Sync.Uploads;

/// <summary><c>Uploads:Direct</c>: how long a client may take to PUT a direct upload and complete it.</summary>
public sealed class DirectUploadOptions
{
    public const string Section = "Uploads:Direct";

    /// <summary>How long the presigned PUT URL is valid.</summary>
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// After the URL expires, how long completion is still accepted: a PUT that started just in time may still be
    /// running. When it has passed too, the upload expires and its staged object is removed.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many direct uploads one owner may have open (begun, neither completed nor expired) at once.</summary>
    public int MaxOpenPerOwner { get; set; } = 20;
}
