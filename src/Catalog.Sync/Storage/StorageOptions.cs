namespace Catalog.Sync.Storage;

/// <summary><c>Storage:Local</c>: the S3-compatible (MinIO) bucket every upload lands in.</summary>
public sealed class LocalTierOptions
{
    public const string Section = "Storage:Local";

    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Where clients reach the tier, for the presigned URLs they are given (downloads, direct uploads), when that is not
    /// <see cref="Endpoint"/>: in docker-compose the service reaches MinIO as <c>minio:9000</c>, a browser does not.
    /// </summary>
    public Uri? PublicEndpoint { get; set; }

    /// <summary>The endpoint the URLs given to clients name.</summary>
    public Uri? ClientEndpoint => PublicEndpoint ?? Endpoint;

    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
    public string Bucket { get; set; } = "";
    public string Region { get; set; } = "us-east-1";

    /// <summary>
    /// Objects above this size are stored as multipart uploads, smaller ones in one streamed PUT (ADR 0061). At least
    /// 5 MiB (S3's smallest part), at most 5 GiB (S3's largest single PUT).
    /// </summary>
    public long MultipartThresholdBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// The size of a multipart upload's parts, and so the memory one such upload holds (ADR 0066): at least 5 MiB, at
    /// most 512 MiB; raised for objects that would otherwise need more than S3's 10 000 parts.
    /// </summary>
    public long MultipartPartBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// How long a request may wait on the tier without progress: for its answer, or for the store to take or give the
    /// next bytes of a body (ADR 0095). A transfer whose bytes keep moving has no time limit, however large or slow.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary><c>Storage:Cloud</c>: the AWS S3 bucket files move to at night. No ServiceUrl means real AWS.</summary>
public sealed class CloudTierOptions
{
    public const string Section = "Storage:Cloud";

    public Uri? ServiceUrl { get; set; }

    /// <summary>Where clients reach the tier, for presigned download URLs, when that is not <see cref="ServiceUrl"/>.</summary>
    public Uri? PublicServiceUrl { get; set; }

    /// <summary>The endpoint the URLs given to clients name; null means AWS itself.</summary>
    public Uri? ClientServiceUrl => PublicServiceUrl ?? ServiceUrl;

    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
    public string Bucket { get; set; } = "";
    public string Region { get; set; } = "us-east-1";
    public bool ForcePathStyle { get; set; }

    /// <summary>
    /// How long one request to the cloud tier may take: a part (<c>Sync:PartSizeBytes</c>), a whole PUT up to
    /// <c>Sync:MultipartThresholdBytes</c>, a HEAD. A tier that accepts connections but never answers fails a try after
    /// this long. Raise it with the part size on a slow link: 16 MiB in a minute needs about 280 kB/s. For downloads, how
    /// long a read may wait on the store without progress (ADR 0095).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary><c>Storage</c>: settings shared by both tiers.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Create missing buckets at start-up: for local runs and tests, not for production accounts.</summary>
    public bool EnsureBuckets { get; set; }
}
