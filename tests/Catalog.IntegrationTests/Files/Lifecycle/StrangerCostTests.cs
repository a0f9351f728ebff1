using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Locking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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
    public async Task A_strangers_history_is_refused_without_reading_the_files_events()
    {
        // Every read of the events waits while the table is held: a refusal that read the stream first would wait too,
        // and with a long history would take as long as reading it, which tells the stranger the id exists.
        await using var connection = new NpgsqlConnection(host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog"));
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await new NpgsqlCommand("lock table catalog.mt_events in access exclusive mode", connection, transaction).ExecuteNonQueryAsync();

        var theirs = host.GraphQL.SendAsync(History, new { id = fileId }, stranger.Token);
        var unknownId = Guid.CreateVersion7();
        var unknown = host.GraphQL.SendAsync(History, new { id = unknownId }, stranger.Token);
        await Task.WhenAny(Task.WhenAll(theirs, unknown), Task.Delay(TimeSpan.FromSeconds(5)));
        await transaction.RollbackAsync();

        Assert.True(theirs.IsCompleted && unknown.IsCompleted, "a stranger's fileHistory read the file's events");
        (await theirs).ShouldFailWith("NOT_FOUND");
        (await unknown).ShouldFailWith("NOT_FOUND");
        Assert.Equal((await unknown).FirstErrorMessage?.Replace(unknownId.ToString(), "?"), (await theirs).FirstErrorMessage?.Replace(fileId.ToString(), "?"));
    }
}
