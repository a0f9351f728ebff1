using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Errors;

/// <summary>
/// A database that drops the service's connection mid-statement (here: Postgres terminating the backend, as a restart
/// or failover does) is 503 <c>CATALOG_UNAVAILABLE</c> with <c>Retry-After</c>, not INTERNAL, and an upload caught by
/// it leaves nothing behind.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class CatalogUnavailableTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => host.ResetDataAsync();

    [Fact]
    public async Task A_GraphQL_upload_whose_commit_is_terminated_is_catalog_unavailable_and_leaves_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await WhileTheListingIsLockedAsync(
            () => host.GraphQL.UploadAsync(user.Token, "cut.bin", SampleFiles.RandomBinary(20_000), "application/octet-stream"));

        response.ShouldFailWith("CATALOG_UNAVAILABLE");
        Assert.Contains("may or may not have been recorded", response.FirstErrorMessage, StringComparison.Ordinal);
        await host.NothingStoredForAsync(user);
    }

    [Fact]
    public async Task A_REST_upload_whose_commit_is_terminated_is_503_and_leaves_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();

        using var response = await WhileTheListingIsLockedAsync(() => host.GraphQL.Http.SendAsync(
            GraphQLClient.RestUpload(user.Token, new ByteArrayContent(SampleFiles.RandomBinary(20_000)), "cut.bin", "application/octet-stream")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("CATALOG_UNAVAILABLE", problem.GetProperty("code").GetString());
        await host.NothingStoredForAsync(user);
    }

    /// <summary>Holds the listing's table locked until the request waits for it, then terminates the waiting backend.</summary>
    private async Task<T> WhileTheListingIsLockedAsync<T>(Func<Task<T>> send)
    {
        var store = host.Host.Services.GetRequiredService<IDocumentStore>();
        await using var locker = store.Storage.Database.CreateConnection();
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await new NpgsqlCommand("lock table catalog.mt_doc_filelisting in access exclusive mode", locker, transaction).ExecuteNonQueryAsync();

        var sent = send();
        int? waiting = null;
        var found = await Eventually.HoldsAsync(() =>
        {
            using var find = new NpgsqlCommand(
                "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
                locker, transaction);
            waiting = find.ExecuteScalar() as int?;
            return waiting is not null || sent.IsCompleted;
        });
        Assert.True(found && waiting is not null, "the request waited for the listing's lock");

        await new NpgsqlCommand($"select pg_terminate_backend({waiting})", locker, transaction).ExecuteNonQueryAsync();
        await transaction.RollbackAsync();
        return await sent;
    }
}
