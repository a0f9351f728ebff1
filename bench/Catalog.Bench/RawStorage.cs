using Catalog.Sync.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Bench;

/// <summary>
/// The baseline's S3 client: the service's own <see cref="LocalTier"/> (the same Minio client, built by the same
/// registration) pointed at the same server, without the service in front of it.
/// </summary>
public static class RawStorage
{
    public static (ServiceProvider Services, LocalTier Tier) Create(BenchSettings s)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Local:Endpoint"] = s.S3Local.ToString(),
            ["Storage:Local:AccessKey"] = s.AccessKey,
            ["Storage:Local:SecretKey"] = s.SecretKey,
            ["Storage:Local:Bucket"] = "catalog-local",
            ["Storage:Local:Region"] = "us-east-1",
            ["Storage:Local:StallTimeout"] = s.LocalStallTimeout,
            ["Storage:Cloud:ServiceUrl"] = s.S3Cloud.ToString(),
            ["Storage:Cloud:AccessKey"] = s.AccessKey,
            ["Storage:Cloud:SecretKey"] = s.SecretKey,
            ["Storage:Cloud:ForcePathStyle"] = "true",
            ["Storage:Cloud:Bucket"] = "catalog-cloud",
            ["Storage:Cloud:Region"] = "us-east-1",
        }).AddInMemoryCollection(MultipartSizes.Settings(s).Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value))).Build();
        var services = new ServiceCollection().AddLogging().AddStorageTiers(configuration).BuildServiceProvider();
        return (services, services.GetRequiredService<LocalTier>());
    }
}
