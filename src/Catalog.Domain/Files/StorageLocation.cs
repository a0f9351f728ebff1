namespace Catalog.Domain.Files;

/// <summary>Where one copy of a file's bytes lives: the bucket and the key the service built.</summary>
public sealed record StorageLocation(string Bucket, string ObjectKey);

public enum StorageTier
{
    /// <summary>Only in the local (MinIO) tier.</summary>
    Local,
    /// <summary>In the local tier and verified in the cloud tier.</summary>
    LocalAndCloud,
    /// <summary>Only in the cloud tier: the local copy was evicted after a verified sync.</summary>
    Cloud,
}

public enum AccessMethod
{
    PresignedUrl,
    Stream,
}
