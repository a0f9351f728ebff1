using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Catalog.Sync.Storage;

/// <summary>Creates missing buckets at start-up when <c>Storage:EnsureBuckets</c> is on (local runs and tests).</summary>
internal sealed class BucketInitializer(LocalTier local, CloudTier cloud, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.EnsureBuckets)
            return;
        await local.EnsureBucketAsync(cancellationToken);
        await cloud.EnsureBucketAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
