using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Locking;

namespace Catalog.IntegrationTests.Persistence;

/// <summary>A stream's lock and its read for writing go in one batch, and the read still sees the writer before (ADR 0116).</summary>
[Collection(CatalogCollection.Name)]
public sealed class StreamLockTests(CatalogHost host)
{
    [Fact]
    public async Task Locking_a_stream_and_reading_it_for_writing_is_one_round_trip_lock_first()
    {
        var fileId = await UploadedFileAsync();
        var sql = new SqlRecorder();
        await using var session = host.OpenSession();
        session.Logger = sql;

        var stream = await StreamLocks.FetchLockedAsync<StoredFile>(session, fileId, CancellationToken.None);

        Assert.Equal(1, stream.CurrentVersion);
        var trip = Assert.Single(sql.RoundTrips);
        Assert.True(trip.Count > 1, string.Join("\n", trip));
        Assert.Contains("pg_advisory_xact_lock", trip[0], StringComparison.Ordinal);
        Assert.DoesNotContain(trip.Skip(1), c => c.Contains("pg_advisory", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_writer_waits_for_the_lock_then_reads_what_the_first_committed()
    {
        var fileId = await UploadedFileAsync();
        await using var first = host.OpenSession();
        var firstStream = await StreamLocks.FetchLockedAsync<StoredFile>(first, fileId, CancellationToken.None);

        await using var second = host.OpenSession();
        var secondRead = StreamLocks.FetchLockedAsync<StoredFile>(second, fileId, CancellationToken.None);
        await using (var probe = host.OpenSession())
        {
            for (var i = 0; i < 100 && await LockWaiters.OnAdvisoryAsync(probe, StreamLocks.KeyOf(fileId)) == 0; i++)
                await Task.Delay(50);
            Assert.Equal(1, await LockWaiters.OnAdvisoryAsync(probe, StreamLocks.KeyOf(fileId)));
        }
        Assert.False(secondRead.IsCompleted);

        var owner = firstStream.Aggregate!.OwnerId;
        var until = DateTimeOffset.UtcNow.AddMinutes(5);
        firstStream.AppendOne(new FileAccessed(fileId, owner, owner, AccessMethod.PresignedUrl, StorageTier.Local, null, null, DateTimeOffset.UtcNow, until));
        await first.SaveChangesAsync();

        var secondStream = await secondRead.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, secondStream.CurrentVersion);
        Assert.NotNull(secondStream.Aggregate!.LocalUrlsValidUntil);
    }

    private async Task<Guid> UploadedFileAsync()
    {
        var user = await host.GraphQL.SignUpAsync();
        return await host.UploadFileAsync(user, "locked.txt", "under lock\n"u8.ToArray(), "text/plain");
    }
}
