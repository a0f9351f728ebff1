using Catalog.Domain.Files;
using Catalog.Domain.Sync;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Runs;
using Catalog.Sync.Transfer;

namespace Catalog.IntegrationTests.Sync;

/// <summary>What earlier attempts of a batch recorded counts once per file, as the last of them left it, and only for files this attempt did not try.</summary>
[Collection(SyncCollection.Name)]
public sealed class EarlierAttemptsTests(SyncHost host) : IAsyncLifetime
{
    private readonly SyncDriver sync = new(host);

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_file_that_failed_in_one_attempt_and_synced_in_the_next_counts_once_as_synced()
    {
        var owner = await host.GraphQL.SignUpAsync();
        var (fileId, content) = (await sync.SeedAsync(owner, 1))[0];
        var (runId, otherRun) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var now = DateTimeOffset.UtcNow;
        await using (var session = host.OpenSession())
        {
            session.Events.StartStream<SyncRun>(runId, new SyncRunStarted(runId, SyncTrigger.Admin, null, null, now));
            await session.SaveChangesAsync();
        }
        await AppendAsync(new FileSyncFailed(fileId, owner.Id, otherRun, 1, "another run", now));
        await AppendAsync(new FileSyncFailed(fileId, owner.Id, runId, 1, "first attempt", now));
        var cloud = new StorageLocation("catalog-cloud", SyncHost.KeyOf(owner, fileId));
        await AppendAsync(new FileSyncedToCloud(fileId, owner.Id, cloud, FileCalls.Sha256Of(content), content.Length, runId, now));

        await using var reader = host.OpenSession();
        var earlier = await EarlierAttempts.OutcomesAsync(reader, runId, runVersion: 1, new HashSet<Guid>(), CancellationToken.None);
        var triedAgain = await EarlierAttempts.OutcomesAsync(reader, runId, runVersion: 1, new HashSet<Guid> { fileId }, CancellationToken.None);

        Assert.Equal(new FileOutcome(FileOutcomeKind.Synced, content.Length), Assert.Single(earlier));
        Assert.Empty(triedAgain);
    }

    private async Task AppendAsync(object fileEvent)
    {
        await using var session = host.OpenSession();
        session.Events.Append(((IFileEvent)fileEvent).FileId, fileEvent);
        await session.SaveChangesAsync();
    }
}
