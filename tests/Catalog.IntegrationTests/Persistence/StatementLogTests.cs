using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.FileListing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Events;

namespace Catalog.IntegrationTests.Persistence;

/// <summary>What the statement log tells an operator about a statement that did not finish.</summary>
[Collection(CatalogCollection.Name)]
public sealed class StatementLogTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_load_its_caller_cancels_is_no_error()
    {
        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        // Another transaction holds the table, so the load waits until its caller gives up, as a client that leaves does.
        await using var blocker = new NpgsqlConnection(host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog"));
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand($"lock table {store.Options.Schema.For<FileListing>()} in access exclusive mode", blocker, transaction))
            await lockTable.ExecuteNonQueryAsync();
        var errorsBefore = host.Log.Events.Count(e => e.Level >= LogEventLevel.Error);

        await using (var session = store.QuerySession())
        {
            using var leaving = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.LoadAsync<FileListing>(Guid.NewGuid(), leaving.Token));
        }
        await transaction.RollbackAsync();

        Assert.Equal(errorsBefore, host.Log.Events.Count(e => e.Level >= LogEventLevel.Error));
    }
}
