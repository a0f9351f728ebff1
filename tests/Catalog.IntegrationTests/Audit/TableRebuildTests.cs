using System.Net;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.AuditTrail;
using Catalog.Projections.FileListing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Audit;

/// <summary>A whole-table rebuild (ADR 0072) is one transaction: it fails as a whole, and writers wait for it.</summary>
[Collection(CatalogCollection.Name)]
public sealed class TableRebuildTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private IDocumentStore Store => host.Host.Services.GetRequiredService<IDocumentStore>();

    [Fact]
    public async Task A_rebuild_cancelled_after_its_first_rows_leaves_every_row_and_index_as_it_was()
    {
        await RandomFileHistories.AppendAsync(host, new Random(7), ProjectionRebuildTests.Files, ProjectionRebuildTests.Users);
        var before = await ProjectionRebuildTests.SnapshotAsync(host);
        using var cancel = new CancellationTokenSource();
        var copied = new List<long>();
        var progress = new Synchronous(rows =>
        {
            copied.Add(rows);
            cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AuditTrailRebuild.RunAsync(Store, progress, cancel.Token));

        Assert.Equal([5_000L], copied);
        var after = await ProjectionRebuildTests.SnapshotAsync(host);
        Assert.Equal(before.Item2, after.Item2);
        Assert.Equal(before.Item1, after.Item1);
        await Store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
    }

    [Fact]
    public async Task Writes_during_a_rebuild_wait_for_its_commit_and_land_on_the_rebuilt_rows()
    {
        await RandomFileHistories.AppendAsync(host, new Random(11), 100, 5);
        var (listing, _, _) = await ProjectionRebuildTests.SnapshotAsync(host);
        var accessed = listing.First(f => f is { Deleted: false, Purged: false });
        var deleted = listing.Last(f => f is { Deleted: false, Purged: false });

        Task? writes = null;
        Task<Guid>? uploaded = null;
        var writesDoneWhileCopying = true;
        var progress = new Synchronous(_ =>
        {
            uploaded = RandomFileHistories.UploadAsync(host, accessed.OwnerId);
            writes = Task.WhenAll(host.AccessAsync(accessed.Id, accessed.OwnerId), host.DeleteAsync(deleted.Id, deleted.OwnerId), uploaded);
            // Long enough for both to commit if nothing held them back.
            writesDoneWhileCopying = writes.Wait(TimeSpan.FromMilliseconds(750));
        });

        await FileListingRebuild.RunAsync(Store, progress, CancellationToken.None);
        await writes!;

        Assert.False(writesDoneWhileCopying, "a write to the listing committed while the rebuild held the table");
        var (live, trail, _) = await ProjectionRebuildTests.SnapshotAsync(host);
        Assert.Equal(accessed.AccessCount + 1, live.Single(f => f.Id == accessed.Id).AccessCount);
        Assert.True(live.Single(f => f.Id == deleted.Id).Deleted);
        Assert.Contains(live, f => f.Id == uploaded!.Result);

        // What the writers projected on top of the rebuilt rows is what the events give.
        await FileListingRebuild.RunAsync(Store, null, CancellationToken.None);
        await AuditTrailRebuild.RunAsync(Store, null, CancellationToken.None);
        var (rebuilt, rebuiltTrail, _) = await ProjectionRebuildTests.SnapshotAsync(host);
        Assert.Equal(live, rebuilt);
        Assert.Equal(trail, rebuiltTrail);
    }

    [Fact]
    public async Task A_rebuild_waiting_behind_a_long_read_of_its_table_does_not_hold_up_the_writers_queued_behind_it()
    {
        // A trail larger than the socket and the test server's buffers: an export read slowly holds its table to the end.
        await RandomFileHistories.AppendAsync(host, new Random(13), ProjectionRebuildTests.Files, ProjectionRebuildTests.Users);
        var admin = await host.GraphQL.SignUpAsync(CatalogHost.AdminEmail);
        var auditor = await host.GraphQL.SignUpAsync(CatalogHost.AuditorEmail);
        var owner = await host.GraphQL.SignUpAsync();
        var file = await host.UploadFileAsync(owner, "read-me.txt", "read me"u8.ToArray(), "text/plain");

        using var request = GraphQLClient.Request(HttpMethod.Get, auditor.Token, url: "/api/audit/export");
        var export = await host.GraphQL.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await (await export.Content.ReadAsStreamAsync()).ReadExactlyAsync(new byte[100]); // and no more, for now
        var rebuild = host.GraphQL.SendAsync("mutation { rebuildProjection(name: \"AuditTrail\") { name } }", token: admin.Token);
        await WaitForTheRebuildToWaitAsync();

        // A download appends FileAccessed, whose audit entry is a write to the trail's table.
        var download = host.GetContentAsync(owner.Token, file);
        var answered = await Task.WhenAny(download, Task.Delay(TimeSpan.FromSeconds(10))) == download;
        export.Dispose();

        Assert.True(answered, "a download waited for a rebuild that was itself waiting for an export");
        Assert.Equal(HttpStatusCode.OK, (await download).StatusCode);
        (await rebuild).ShouldSucceed();
        var (_, trail, _) = await ProjectionRebuildTests.SnapshotAsync(host);
        Assert.Contains(trail, e => e.FileId == file && e.Kind == nameof(FileAccessed));
    }

    private async Task WaitForTheRebuildToWaitAsync()
    {
        await using var session = host.OpenSession();
        for (var i = 0; i < 300; i++)
        {
            var waiting = (await session.AdvancedSql.QueryAsync<long>(
                "select count(*) from pg_locks where not granted and mode = 'AccessExclusiveLock' and relation = 'catalog.mt_doc_auditentry'::regclass",
                CancellationToken.None)).Single();
            if (waiting > 0)
                return;
            await Task.Delay(20);
        }
        Assert.Fail("The rebuild never waited for the export's lock.");
    }

    /// <summary><see cref="Progress{T}"/> reports on the thread pool, later; these tests act at the moment of the report.</summary>
    private sealed class Synchronous(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
