using System.Diagnostics;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Locking;

namespace Catalog.IntegrationTests.Files.Lifecycle;

/// <summary>
/// Someone else's file costs a stranger what an unknown id costs, in time as in words (ADR 0022): a refusal that first
/// waited for the file's lock, or first read its whole stream, told by its delay that the id exists.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class StrangerCostTests(CatalogHost host) : IAsyncLifetime
{
    private const string History = "query($id: ID!) { fileHistory(id: $id) { kind } }";

    private TestUser owner = null!;
    private TestUser stranger = null!;
    private Guid fileId;

    public async Task InitializeAsync()
    {
        await host.ResetDataAsync();
        owner = await host.GraphQL.SignUpAsync();
        stranger = await host.GraphQL.SignUpAsync();
        fileId = await host.UploadFileAsync(owner, "busy.txt", "read often\n"u8.ToArray(), "text/plain");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_strangers_delete_or_restore_does_not_wait_for_the_owners_writes()
    {
        // The owner's download (or delete) holds the file's lock meanwhile.
        await using var ownersWrite = host.OpenSession();
        await StreamLocks.SerializeAsync(ownersWrite, fileId, CancellationToken.None);

        var delete = host.DeleteFileAsync(stranger.Token, fileId);
        var restore = host.RestoreFileAsync(stranger.Token, fileId);
        await Task.WhenAny(Task.WhenAll(delete, restore), Task.Delay(TimeSpan.FromSeconds(5)));
        await ownersWrite.DisposeAsync();

        Assert.True(delete.IsCompleted && restore.IsCompleted, "a stranger's refusal waited for the owner's lock");
        (await delete).ShouldFailWith("NOT_FOUND");
        (await restore).ShouldFailWith("NOT_FOUND");
    }

    [Fact]
    public async Task A_strangers_history_of_a_long_lived_file_comes_as_fast_as_an_unknown_ids()
    {
        for (var batch = 0; batch < 4; batch++)
        {
            await using var session = host.OpenSession();
            session.Events.Append(fileId, Enumerable.Range(0, 5_000).Select(_ => new FileAccessed(
                fileId, owner.Id, owner.Id, AccessMethod.Stream, StorageTier.Local, "127.0.0.1", "test", DateTimeOffset.UtcNow)).ToArray<object>());
            await session.SaveChangesAsync();
        }

        var theirs = new List<long>();
        var unknown = new List<long>();
        for (var round = 0; round < 3; round++)
        {
            theirs.Add(await MillisecondsOfAsync(fileId));
            unknown.Add(await MillisecondsOfAsync(Guid.CreateVersion7()));
        }

        // Reading 20 000 events takes the better part of a second; one listing row, a few milliseconds.
        Assert.True(Median(theirs) < 5 * Median(unknown) + 150,
            $"someone else's file took {string.Join(", ", theirs)} ms, an unknown id {string.Join(", ", unknown)} ms");
    }

    private async Task<long> MillisecondsOfAsync(Guid id)
    {
        var watch = Stopwatch.StartNew();
        var response = await host.GraphQL.SendAsync(History, new { id }, stranger.Token);
        watch.Stop();
        response.ShouldFailWith("NOT_FOUND");
        return watch.ElapsedMilliseconds;
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);
}
