using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Catalog.IntegrationTests.Sync;

/// <summary>A sync host whose cloud credentials the cloud tier refuses: the secret key is not the account's.</summary>
public sealed class RefusedCloudTierHost : SyncHost
{
    protected override string DatabaseName => "catalog_sync_refused";

    protected override void ConfigureMore(IWebHostBuilder web) =>
        web.UseSetting("Storage:Cloud:SecretKey", "not-the-accounts-secret-key");
}

[CollectionDefinition(Name)]
public sealed class RefusedCloudTierCollection : ICollectionFixture<RefusedCloudTierHost>
{
    public const string Name = "refused cloud tier";
}

[Collection(RefusedCloudTierCollection.Name)]
public sealed class RefusedCloudTierTests(RefusedCloudTierHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_cloud_tier_that_refuses_the_credentials_stops_the_run_after_a_few_files_instead_of_failing_each()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 3 * SyncHost.BatchSize, size: 1024);

        var run = await sync.RunAsync(admin);

        // Every file would fail the same way: the first batch's files say why, and the rest are not tried.
        Assert.Equal((SyncHost.BatchSize, 0, SyncHost.BatchSize, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed, run.Batches));
        Assert.StartsWith("The first 3 files of batch 0 to finish failed", run.CutShortBecause, StringComparison.Ordinal);
        var failures = new List<FileSyncFailed>();
        foreach (var (id, _) in files)
            failures.AddRange(await sync.EventsAsync<FileSyncFailed>(id));
        Assert.Equal(SyncHost.BatchSize, failures.Count);
        Assert.All(failures, f => Assert.Contains("signature", f.Error, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(await host.CloudBucket.KeysUnderAsync(owner.Id.ToString()));
    }
}
