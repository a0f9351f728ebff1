using Amazon.Runtime;
using Amazon.S3;
using Catalog.Sync.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Minio;

namespace Catalog.Sync.Storage;

public static class StorageRegistration
{
    public const string LocalTierHealthCheckName = "local-tier";
    public const string CloudTierHealthCheckName = "cloud-tier";

    // The AWS SDK writes a request body to the connection in pieces of this size; its default of 8 KiB made a 256 MiB
    // transfer 32 000 writes (ADR 0101).
    private const int RequestBufferBytes = 64 * 1024;

    public static IServiceCollection AddStorageTiers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindSection(configuration, StorageOptions.Section);
        services.AddOptions<LocalTierOptions>().BindSection(configuration, LocalTierOptions.Section);
        services.AddOptions<CloudTierOptions>().BindSection(configuration, CloudTierOptions.Section);
        services.AddSingleton<IValidateOptions<LocalTierOptions>, LocalTierOptionsValidation>();
        services.AddSingleton<IValidateOptions<CloudTierOptions>, CloudTierOptionsValidation>();

        services.AddSingleton(sp => CreateMinioClient(LocalOptions(sp), LocalOptions(sp).Endpoint!));
        // Presigned URLs are signed for the host clients use; signing needs no request, so these clients send none.
        services.AddKeyedSingleton(LocalTier.PublicClientKey, (sp, _) => CreateMinioClient(LocalOptions(sp), LocalOptions(sp).ClientEndpoint!));
        services.AddKeyedSingleton<IAmazonS3>(CloudTier.PublicClientKey, (sp, _) => CreateCloudClient(CloudOptions(sp), CloudOptions(sp).ClientServiceUrl));
        services.AddSingleton<IAmazonS3>(sp => CreateCloudClient(CloudOptions(sp), CloudOptions(sp).ServiceUrl));
        services.AddKeyedSingleton<IAmazonS3>(CloudTier.DownloadClientKey,
            (sp, _) => CreateCloudClient(CloudOptions(sp), CloudOptions(sp).ServiceUrl, StallLimit.Cloud(CloudOptions(sp).RequestTimeout)));
        services.AddKeyedSingleton<IAmazonS3>(LocalTier.S3ClientKey, (sp, _) => CreateLocalS3Client(LocalOptions(sp)));
        services.AddSingleton<LocalTier>();
        services.AddSingleton<CloudTier>();
        services.AddHostedService<BucketInitializer>();
        services.AddSingleton<DependencyHealth>();

        // The cloud tier is not part of readiness: requests are served without it, and the sync outlasts its outages.
        services.AddHealthChecks()
            .AddCheck<LocalTierHealthCheck>(LocalTierHealthCheckName, tags: ["ready"])
            .AddCheck<CloudTierHealthCheck>(CloudTierHealthCheckName, tags: ["cloud"]);
        return services;
    }

    private static LocalTierOptions LocalOptions(IServiceProvider services) => services.GetRequiredService<IOptions<LocalTierOptions>>().Value;

    private static CloudTierOptions CloudOptions(IServiceProvider services) => services.GetRequiredService<IOptions<CloudTierOptions>>().Value;

    private static IMinioClient CreateMinioClient(LocalTierOptions options, Uri endpoint)
    {
#pragma warning disable CA2000 // the HttpClient lives as long as the singleton Minio client
        var http = new HttpClient(new HeadPartialContentFix
        {
            InnerHandler = new StallTimeoutHandler(StallLimit.Local(options.StallTimeout)) { InnerHandler = new SocketsHttpHandler() },
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
#pragma warning restore CA2000
        return new MinioClient()
            .WithEndpoint(endpoint.Host, endpoint.Port)
            .WithSSL(endpoint.Scheme == "https")
            .WithCredentials(options.AccessKey, options.SecretKey)
            .WithRegion(options.Region)
            .WithHttpClient(http, disposeHttpClient: true)
            .Build();
    }

    // MinIO serves every bucket path-style.
    private static AmazonS3Client CreateLocalS3Client(LocalTierOptions options) =>
        new(new BasicAWSCredentials(options.AccessKey, options.SecretKey),
            new AmazonS3Config
            {
                ServiceURL = options.Endpoint!.ToString(),
                AuthenticationRegion = options.Region,
                ForcePathStyle = true,
                HttpClientFactory = new StallWatchedHttpClients(StallLimit.Local(options.StallTimeout)),
                BufferSize = RequestBufferBytes,
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });

    /// <param name="serviceUrl">The S3-compatible endpoint; null means AWS itself.</param>
    /// <param name="stalls">A limit on waits without progress instead of the total time per request.</param>
    private static AmazonS3Client CreateCloudClient(CloudTierOptions options, Uri? serviceUrl, StallLimit? stalls = null)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            BufferSize = RequestBufferBytes,
            // Checksums only where S3 requires them: S3-compatible servers mis-store aws-chunked bodies.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (stalls is null)
            config.Timeout = options.RequestTimeout;
        else
            config.HttpClientFactory = new StallWatchedHttpClients(stalls);
        if (serviceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return string.IsNullOrWhiteSpace(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
