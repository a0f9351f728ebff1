using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.FileListing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Persistence.Durability;
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
}
