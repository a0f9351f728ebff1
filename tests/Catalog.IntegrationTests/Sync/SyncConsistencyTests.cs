using System.IO.Hashing;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Sync;

/// <summary>Deletes and cloud outages during a run: nothing is marked synced that is not verified in the cloud.</summary>
[Collection(SyncCollection.Name)]
public sealed class SyncConsistencyTests(SyncHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_delete_that_lands_during_the_transfer_wins_and_the_fresh_cloud_copy_is_removed()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, _) = (await sync.SeedAsync(owner, 1))[0];

        var held = host.CloudProxy.HoldTraffic();
        var running = sync.RunAsync(admin);
        await held.WaitAsync(TimeSpan.FromSeconds(30)); // the file's state is read, its upload is on the wire
        await sync.DeleteAsync(id, owner.Id);
        host.CloudProxy.Release();
        var run = await running;

        Assert.Equal((1, 0, 0, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed, run.FilesDeletedMeanwhile));
        var read = (await host.GraphQL.SendAsync("query($id: ID!) { syncRun(id: $id) { filesTried filesDeletedMeanwhile } }", new { id = run.Id }, admin.Token))
            .ShouldSucceed().Data.GetProperty("syncRun");
        Assert.Equal((1, 1), (read.GetProperty("filesTried").GetInt32(), read.GetProperty("filesDeletedMeanwhile").GetInt32()));
        Assert.Empty(await sync.EventsAsync<FileSyncedToCloud>(id));
        Assert.Equal(1, host.CloudProxy.Puts);
        Assert.False(await host.CloudBucket.ExistsAsync(SyncHost.KeyOf(owner, id)));
        Assert.True(await host.LocalBucket.ExistsAsync(SyncHost.KeyOf(owner, id)), "a delete keeps the local bytes");
        var listing = await sync.ListingAsync(id);
        Assert.True(listing.Deleted);
        Assert.Equal(StorageTier.Local, listing.Tier);
    }

    [Fact]
    public async Task A_local_copy_that_no_longer_matches_its_record_is_not_synced()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1))[0];
        var changed = (byte[])content.Clone();
        changed[^1] ^= 0xff; // same size, other bytes
        using (var bytes = new MemoryStream(changed))
            await host.Host.Services.GetRequiredService<LocalTier>()
                .PutAsync(SyncHost.KeyOf(owner, id), bytes, changed.Length, "application/octet-stream", Crc32.HashToUInt32(changed), CancellationToken.None);

        var run = await sync.RunAsync(admin);

        Assert.Equal((1, 0, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Equal(1, host.CloudProxy.Puts); // a bad copy is not sent again and again in one run
        Assert.Empty(await sync.EventsAsync<FileSyncedToCloud>(id));
        Assert.Contains("SHA-256", Assert.Single(await sync.EventsAsync<FileSyncFailed>(id)).Error, StringComparison.Ordinal);
        Assert.False(await host.CloudBucket.ExistsAsync(SyncHost.KeyOf(owner, id)));
        AssertOperatorWarnedOfDamage(id);
    }

    [Fact]
    public async Task A_damaged_local_copy_whose_cloud_copy_cannot_be_removed_still_fails_for_its_damage()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1))[0];
        var changed = (byte[])content.Clone();
        changed[0] ^= 0xff; // same size, other bytes: found only once they were sent
        await host.LocalBucket.PutAsync(SyncHost.KeyOf(owner, id), changed);
        host.CloudProxy.RefuseDeletes();

        var run = await sync.RunAsync(admin);

        Assert.Equal((1, 0, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Equal(1, host.CloudProxy.Puts); // the damage is the file's, not an outage to try again
        Assert.Contains("SHA-256", Assert.Single(await sync.EventsAsync<FileSyncFailed>(id)).Error, StringComparison.Ordinal);
        Assert.Empty(await sync.EventsAsync<FileSyncedToCloud>(id));
    }

    [Fact]
    public async Task With_the_cloud_endpoint_down_the_run_stops_after_one_failed_batch_and_the_next_run_completes()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, SyncHost.BatchSize + 2);
        host.CloudProxy.Down();

        var failedRun = await sync.RunAsync(admin);

        // The first batch fails whole, so the run stops: the next batches' files are not tried, and gain no failure.
        Assert.Equal((SyncHost.BatchSize, 0, SyncHost.BatchSize), (failedRun.FilesTried, failedRun.FilesSynced, failedRun.FilesFailed));
        Assert.Equal(1, failedRun.Batches);
        Assert.Equal("The first 3 files of batch 0 to finish failed because a storage tier was unavailable or refused the service; the files not tried wait for the next run.",
            failedRun.CutShortBecause);
        foreach (var (id, index) in files.Select((f, i) => (f.Id, i)))
        {
            Assert.Empty(await sync.EventsAsync<FileSyncedToCloud>(id));
            var failures = await sync.EventsAsync<FileSyncFailed>(id);
            if (index < SyncHost.BatchSize)
                Assert.Equal((failedRun.Id, 1), (Assert.Single(failures).RunId, failures[0].Attempt));
            else
                Assert.Empty(failures);
            Assert.Equal(StorageTier.Local, (await sync.ListingAsync(id)).Tier);
        }

        host.CloudProxy.Up();
        var run = await sync.RunAsync(admin);

        Assert.Null(run.CutShortBecause);
        Assert.Equal((files.Count, files.Count, 0), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        foreach (var (id, content) in files)
        {
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
            await sync.AssertInCloudAsync(owner, id, content);
        }
    }

    [Fact]
    public async Task Within_a_batch_no_file_is_started_after_three_in_a_row_failed_for_an_outage()
    {
        using var _ = host.ChangeSyncOptions(o => (o.BatchSize, o.MaxParallelTransfers) = (10, 1));
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 8, size: 1024);
        host.CloudProxy.Down();

        var run = await sync.RunAsync(admin);

        Assert.Equal((3, 0, 3, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed, run.Batches));
        Assert.StartsWith("The first 3 files of batch 0 to finish failed", run.CutShortBecause, StringComparison.Ordinal);
        var failures = new List<int>();
        foreach (var (id, _) in files)
            failures.Add((await sync.EventsAsync<FileSyncFailed>(id)).Count);
        Assert.Equal([1, 1, 1, 0, 0, 0, 0, 0], failures);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Files_failing_in_parallel_for_an_outage_start_no_file_after_them(int parallel)
    {
        // The threshold is the parallelism (3 at least): a transfer that fails first waits for the others to decide,
        // where it used to start the next file at once.
        using var _ = host.ChangeSyncOptions(o => (o.BatchSize, o.MaxParallelTransfers) = (10, parallel));
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 9, size: 1024);
        host.CloudProxy.Down();

        var run = await sync.RunAsync(admin);

        Assert.Equal((parallel, 0, parallel, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed, run.Batches));
        Assert.StartsWith($"The first {parallel} files of batch 0 to finish failed", run.CutShortBecause, StringComparison.Ordinal);
        var failed = 0;
        foreach (var (id, _) in files)
            failed += (await sync.EventsAsync<FileSyncFailed>(id)).Count;
        Assert.Equal(parallel, failed);
    }

    [Fact]
    public async Task A_cloud_tier_that_never_answers_fails_each_try_after_the_request_timeout()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, _) = (await sync.SeedAsync(owner, 1, size: 1024))[0];
        var held = host.CloudProxy.HoldTraffic();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await sync.RunAsync(admin);

        // Two tries (Sync:AttemptsPerFile) of Storage:Cloud:RequestTimeout (2 s in this host) each, not 100 s each.
        Assert.True(held.IsCompleted);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
        Assert.Equal((1, 0, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Null(run.CutShortBecause); // its one batch was its last: no file is left for a next run
        Assert.StartsWith("TimeoutException", Assert.Single(await sync.EventsAsync<FileSyncFailed>(id)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_copy_of_another_size_fails_that_file_once_and_does_not_cut_the_run_short()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, SyncHost.BatchSize + 2, size: 4096);
        var (damagedId, content) = files[0];
        await host.LocalBucket.PutAsync(SyncHost.KeyOf(owner, damagedId), content[..100]);

        var run = await sync.RunAsync(admin);

        Assert.Null(run.CutShortBecause);
        Assert.Equal((files.Count, files.Count - 1, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        var failure = Assert.Single(await sync.EventsAsync<FileSyncFailed>(damagedId));
        Assert.StartsWith("The local copy does not match the recorded size", failure.Error, StringComparison.Ordinal);
        Assert.Empty(await host.CloudBucket.KeysUnderAsync(SyncHost.KeyOf(owner, damagedId)));
        AssertOperatorWarnedOfDamage(damagedId);
    }

    /// <summary>
    /// A damaged local copy of a file not yet synced is the file's only copy: the operator hears of it at once, not only
    /// once it has failed in enough runs to be reported.
    /// </summary>
    private void AssertOperatorWarnedOfDamage(Guid fileId)
    {
        var warning = Assert.Single(host.Log.Events, e => e.Level >= Serilog.Events.LogEventLevel.Warning
                                                         && e.RenderMessage().Contains(fileId.ToString(), StringComparison.Ordinal));
        Assert.Contains("no other copy", warning.RenderMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_tier_that_stops_answering_fails_each_try_after_the_stall_timeout()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1, size: 1024))[0];
        host.LocalProxy.StallAnswersAfter(0);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await sync.RunAsync(admin);

        // Two tries (Sync:AttemptsPerFile), each ended by Storage:Local:StallTimeout, not left waiting.
        Assert.InRange(clock.Elapsed, 2 * (CatalogHost.StallTimeout - CatalogHost.TimerSlack), TimeSpan.FromSeconds(80));
        Assert.Equal((1, 0, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.StartsWith(nameof(StorageStalledException), Assert.Single(await sync.EventsAsync<FileSyncFailed>(id)).Error, StringComparison.Ordinal);
        Assert.Empty(await host.CloudBucket.KeysUnderAsync($"{owner.Id}/"));

        host.LocalProxy.Up();
        Assert.Equal((1, 1, 0), ((await sync.RunAsync(admin)) is var again ? (again.FilesTried, again.FilesSynced, again.FilesFailed) : default));
        await sync.AssertInCloudAsync(owner, id, content);
    }

    [Fact]
    public async Task A_local_tier_that_refuses_the_credentials_stops_the_run_after_a_few_files_instead_of_failing_each()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 3 * SyncHost.BatchSize, size: 1024);
        host.LocalProxy.SpoilSignatures(); // as a rotated or mistyped Storage:Local:SecretKey does

        var run = await sync.RunAsync(admin);

        // Every file would fail the same way, as with refused cloud credentials (RefusedCloudTierTests).
        Assert.Equal((SyncHost.BatchSize, 0, SyncHost.BatchSize, 1), (run.FilesTried, run.FilesSynced, run.FilesFailed, run.Batches));
        Assert.StartsWith("The first 3 files of batch 0 to finish failed", run.CutShortBecause, StringComparison.Ordinal);
        var failures = new List<FileSyncFailed>();
        foreach (var (id, _) in files)
            failures.AddRange(await sync.EventsAsync<FileSyncFailed>(id));
        Assert.Equal(SyncHost.BatchSize, failures.Count);
        Assert.All(failures, f => Assert.Contains("SignatureDoesNotMatch", f.Error, StringComparison.Ordinal));
        Assert.Empty(await host.CloudBucket.KeysUnderAsync($"{owner.Id}/"));
    }

    [Fact]
    public async Task When_the_cloud_endpoint_dies_mid_transfer_only_verified_copies_are_recorded_and_the_next_run_does_the_rest()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var files = await sync.SeedAsync(owner, 6, size: 256 * 1024);
        host.CloudProxy.CutAfter(600 * 1024); // dies inside the third upload or so

        var cut = await sync.RunAsync(admin);

        Assert.Equal(6, cut.FilesTried);
        Assert.True(cut.FilesFailed > 0, "the endpoint died before every file was up");
        foreach (var (id, content) in files)
        {
            var synced = await sync.EventsAsync<FileSyncedToCloud>(id);
            if (synced.Count == 1)
                await sync.AssertInCloudAsync(owner, id, content);
            else
                Assert.Single(await sync.EventsAsync<FileSyncFailed>(id));
            Assert.InRange(synced.Count, 0, 1);
        }

        host.CloudProxy.Up();
        var rest = await sync.RunAsync(admin);

        Assert.Equal(cut.FilesFailed, rest.FilesSynced);
        foreach (var (id, content) in files)
        {
            Assert.Single(await sync.EventsAsync<FileSyncedToCloud>(id));
            await sync.AssertInCloudAsync(owner, id, content);
        }
    }

    [Fact]
    public async Task A_multipart_copy_cut_off_by_an_outage_leaves_no_incomplete_upload_once_the_file_is_synced()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1, size: 8 * 1024 * 1024 - 1000))[0]; // two parts
        host.CloudProxy.CutAfter(6 * 1024 * 1024); // dies inside the second part: the abort cannot reach the store either

        var cut = await sync.RunAsync(admin);

        Assert.Equal((1, 0, 1), (cut.FilesTried, cut.FilesSynced, cut.FilesFailed));
        Assert.NotEmpty(await host.CloudBucket.IncompleteUploadsUnderAsync($"{owner.Id}/"));

        host.CloudProxy.Up();
        var run = await sync.RunAsync(admin);

        Assert.Equal((1, 1, 0), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        await sync.AssertInCloudAsync(owner, id, content);
        // The parts the outage left would be billed for ever by a bucket without an AbortIncompleteMultipartUpload rule.
        Assert.Empty(await host.CloudBucket.IncompleteUploadsUnderAsync($"{owner.Id}/"));
    }

    [Theory]
    [InlineData(400, "RequestTimeout")] // S3's answer to an upload whose bytes came too slowly: the local tier was slow
    [InlineData(503, "SlowDown")]
    [InlineData(500, "InternalError")]
    public async Task A_put_the_cloud_tier_answers_with_a_passing_failure_is_tried_again_within_the_run(int status, string code)
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1, size: 1024))[0];
        host.CloudProxy.AnswerPut(1, status, code);

        var run = await sync.RunAsync(admin);

        Assert.Equal((1, 1, 0), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Contains(code, host.CloudProxy.ErrorCodes);
        Assert.Empty(await sync.EventsAsync<FileSyncFailed>(id));
        await sync.AssertInCloudAsync(owner, id, content);
    }

    [Fact]
    public async Task A_short_outage_is_bridged_by_trying_again_within_the_run()
    {
        var admin = await sync.AdminAsync();
        var owner = await host.GraphQL.SignUpAsync();
        var (id, content) = (await sync.SeedAsync(owner, 1))[0];
        host.CloudProxy.Down();

        var running = sync.RunAsync(admin);
        await host.CloudProxy.Refused.WaitAsync(TimeSpan.FromSeconds(30));
        host.CloudProxy.Up();
        var run = await running;

        Assert.Equal((1, 1, 0), (run.FilesTried, run.FilesSynced, run.FilesFailed));
        Assert.Empty(await sync.EventsAsync<FileSyncFailed>(id));
        await sync.AssertInCloudAsync(owner, id, content);
    }
}
