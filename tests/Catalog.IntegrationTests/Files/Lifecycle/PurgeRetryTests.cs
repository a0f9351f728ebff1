using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.FileListing;
using Catalog.Sync.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Wolverine.Persistence.Durability;
using Wolverine.Runtime.Handlers;
using Wolverine.Tracking;

namespace Catalog.IntegrationTests.Files.Lifecycle;

/// <summary>A purge whose store keeps failing is retried, then lands in Wolverine's dead letters in Postgres.</summary>
[Collection(CatalogCollection.Name)]
public sealed class PurgeRetryTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_purge_against_a_failing_store_is_retried_then_dead_lettered_and_nothing_is_appended()
    {
        // Given a deleted file, past its window, whose recorded copy lives in a bucket the store does not have.
        var fileId = Guid.CreateVersion7();
        var ownerId = Guid.CreateVersion7();
        var deletedAt = DateTimeOffset.UtcNow.AddDays(-8);
        await using (var session = host.OpenSession())
        {
            session.Events.StartStream<StoredFile>(fileId,
                new FileUploaded(fileId, ownerId, "lost.bin", "application/octet-stream", 3, FileCalls.Sha256Of([1, 2, 3]),
                    new StorageLocation("catalog-missing-bucket", ObjectKeys.For(ownerId, fileId)), ownerId, deletedAt.AddDays(-1)),
                new FileDeleted(fileId, ownerId, ownerId, null, deletedAt));
            await session.SaveChangesAsync();
        }

        var tracked = await host.Host.TrackActivity(TimeSpan.FromSeconds(60))
            .DoNotAssertOnExceptionsDetected()
            .SendMessageAndWaitAsync(new PurgeFile(fileId, deletedAt));

        Assert.Equal(CatalogHost.PurgeRetries + 1, tracked.ExecutionStarted.MessagesOf<PurgeFile>().Count());
        var envelope = tracked.MovedToErrorQueue.Envelopes().Single(e => e.Message is PurgeFile);
        var deadLetter = await host.Host.Services.GetRequiredService<IMessageStore>().DeadLetters.DeadLetterEnvelopeByIdAsync(envelope.Id);
        Assert.NotNull(deadLetter);
        Assert.EndsWith(nameof(PurgeFile), deadLetter.MessageType, StringComparison.Ordinal);
        Assert.Contains("Minio", deadLetter.ExceptionType, StringComparison.Ordinal);

        await using var query = host.OpenSession();
        Assert.Empty((await query.Events.FetchStreamAsync(fileId)).Select(e => e.Data).OfType<FilePurged>());
        var listing = await query.LoadAsync<FileListing>(fileId);
        Assert.True(listing is { Deleted: true, Purged: false });
    }

    // A cloud tier that accepts connections and never answers: each removal fails only after the sync client's three
    // tries of RequestTimeout (ADR 0095). Wolverine's default of a minute cut the purge off before its quiet removal of
    // a never-synced file's cloud key gave up (3 x 1 min by default): the local bytes were gone and nothing recorded.
    [Theory]
    [InlineData(typeof(PurgeFile))]
    [InlineData(typeof(ExpireDirectUpload))]
    public void A_purge_or_an_expiry_outlasts_every_try_of_its_removals_against_a_hung_store(Type message)
    {
        var chain = host.Host.Services.GetRequiredService<HandlerGraph>().ChainFor(message);
        var cloud = host.Host.Services.GetRequiredService<IOptions<CloudTierOptions>>().Value;
        var local = host.Host.Services.GetRequiredService<IOptions<LocalTierOptions>>().Value;

        // A purge makes up to four removals: the local copy, an evicted local copy, the cloud copy and the quiet cloud key.
        var worstCase = 4 * 3 * Math.Max(cloud.RequestTimeout.TotalSeconds, local.StallTimeout.TotalSeconds);
        Assert.NotNull(chain);
        Assert.True(chain.ExecutionTimeoutInSeconds > worstCase,
            $"{message.Name} is cut off after {chain.ExecutionTimeoutInSeconds?.ToString() ?? "Wolverine's default of 60"} s; its removals may take {worstCase} s");
    }

    [Fact]
    public async Task A_purge_whose_commit_fails_on_a_database_blip_is_retried_and_purges()
    {
        var owner = await host.GraphQL.SignUpAsync();
        var fileId = await host.UploadFileAsync(owner, "blip.txt", "purged after a blip"u8.ToArray());
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        var (purge, _) = Assert.Single(await host.ScheduledPurgesAsync(fileId));
        host.Clock.Advance(TimeSpan.FromDays(8));
        // The bytes are removed, then the commit fails as a dropped connection fails it: nothing of it is recorded.
        host.Races.BeforeTheNext<FilePurged>(fileId, () => throw new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")));

        var tracked = await host.Host.TrackActivity(TimeSpan.FromSeconds(60))
            .DoNotAssertOnExceptionsDetected()
            .SendMessageAndWaitAsync(purge);

        Assert.False(host.Races.IsArmed);
        Assert.Empty(tracked.MovedToErrorQueue.Envelopes());
        Assert.Single((await host.EventsOfAsync(fileId)).OfType<FilePurged>());
        Assert.False(await host.LocalBucket.ExistsAsync(ObjectKeys.For(owner.Id, fileId)));
    }
}
