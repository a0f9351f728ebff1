using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Minio;

namespace Catalog.Sync.Storage;

public static class StorageRegistration
{
    public const string LocalTierHealthCheckName = "local-tier";
    public const string CloudTierHealthCheckName = "cloud-tier";

    public static IServiceCollection AddStorageTiers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddOptions<LocalTierOptions>().Bind(configuration.GetSection(LocalTierOptions.Section)).ValidateOnStart();
        services.AddOptions<CloudTierOptions>().Bind(configuration.GetSection(CloudTierOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LocalTierOptions>, LocalTierOptionsValidation>();
        services.AddSingleton<IValidateOptions<CloudTierOptions>, CloudTierOptionsValidation>();

        services.AddSingleton(sp => CreateMinioClient(sp.GetRequiredService<IOptions<LocalTierOptions>>().Value));
        // Presigned URLs are signed for the host clients use; signing needs no request, so this client sends none.
        services.AddKeyedSingleton(LocalTier.PublicClientKey, (sp, _) => CreateMinioClient(Public(sp.GetRequiredService<IOptions<LocalTierOptions>>().Value)));
        services.AddKeyedSingleton<IAmazonS3>(CloudTier.PublicClientKey, (sp, _) => CreateCloudClient(Public(sp.GetRequiredService<IOptions<CloudTierOptions>>().Value)));
        services.AddSingleton<IAmazonS3>(sp => CreateCloudClient(sp.GetRequiredService<IOptions<CloudTierOptions>>().Value));
        services.AddKeyedSingleton<IAmazonS3>(LocalTier.S3ClientKey, (sp, _) => CreateLocalS3Client(sp.GetRequiredService<IOptions<LocalTierOptions>>().Value));
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

    private static LocalTierOptions Public(LocalTierOptions options) => new()
    {
        Endpoint = options.PublicEndpoint ?? options.Endpoint,
        AccessKey = options.AccessKey,
        SecretKey = options.SecretKey,
        Bucket = options.Bucket,
        Region = options.Region,
    };

    private static CloudTierOptions Public(CloudTierOptions options) => new()
    {
        ServiceUrl = options.PublicServiceUrl ?? options.ServiceUrl,
        AccessKey = options.AccessKey,
        SecretKey = options.SecretKey,
        Bucket = options.Bucket,
        Region = options.Region,
        ForcePathStyle = options.ForcePathStyle,
        RequestTimeout = options.RequestTimeout,
    };

    private static IMinioClient CreateMinioClient(LocalTierOptions options)
    {
        var endpoint = options.Endpoint!;
#pragma warning disable CA2000 // the HttpClient lives as long as the singleton Minio client
        var http = new HttpClient(new HeadPartialContentFix { InnerHandler = new SocketsHttpHandler() })
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
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });

    private static AmazonS3Client CreateCloudClient(CloudTierOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where S3 requires them: S3-compatible servers mis-store aws-chunked bodies.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = options.RequestTimeout,
        };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
