using System.Net;
using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Events;

namespace Catalog.IntegrationTests.Files.Lifecycle;

/// <summary>
/// Operations racing on one file's stream. Downloads, deletes and restores queue for the file (ADR 0087), so each gets
/// the answer it would get alone; a write that does not queue makes them decide again.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class ConcurrencyTests(CatalogHost host) : IAsyncLifetime
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private TestUser owner = null!;
    private Guid fileId;

    public async Task InitializeAsync()
    {
        await host.ResetDataAsync();
        owner = await host.GraphQL.SignUpAsync();
        fileId = await host.UploadFileAsync(owner, "contended.txt", "contended"u8.ToArray());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_sessions_deciding_on_the_same_version_one_saves_the_other_is_a_conflict()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        await using var first = host.OpenSession();
        await using var second = host.OpenSession();
        var firstStream = await first.Events.FetchForWriting<StoredFile>(fileId);
        var secondStream = await second.Events.FetchForWriting<StoredFile>(fileId);
        var restore = new RestoreFile(fileId, owner.Id);
        firstStream.AppendMany(FileDecisions.Restore(firstStream.Aggregate, restore, Retention, DateTimeOffset.UtcNow).Events);
        secondStream.AppendMany(FileDecisions.Restore(secondStream.Aggregate, restore, Retention, DateTimeOffset.UtcNow).Events);

        await first.SaveChangesAsync();
        var lost = await Assert.ThrowsAnyAsync<Exception>(() => second.SaveChangesAsync());

        Assert.True(ConcurrencyConflicts.IsConflict(lost), lost.ToString());
        Assert.Single((await host.EventsOfAsync(fileId)).OfType<FileRestored>());
    }

    // What Marten reports when Postgres refuses a statement, as the store's own logger records it: a unique-key refusal
    // (how a lost race on a stream's version ends when two appends overlap) is information, and another failure an
    // error; neither carries the statement's values. Both refusals come from the real server.
    [Fact]
    public async Task A_refused_statement_is_logged_without_its_values_and_a_unique_key_refusal_is_no_error()
    {
        const string reason = "reason-that-stays-out-of-the-log";
        var store = (DocumentStore)host.Host.Services.GetRequiredService<IDocumentStore>();
        var log = store.Options.Logger().StartSession(host.OpenSession());
        var before = host.Log.Events.Count;
        IEnumerable<LogEvent> Logged() => host.Log.Events.Skip(before);

        var (duplicate, duplicateRefused) = await RefusedAsync(store, "insert into dup values (1, @reason); insert into dup values (1, @reason)", reason);
        log.LogFailure(duplicate, duplicateRefused);
        Assert.DoesNotContain(Logged(), e => e.Level >= LogEventLevel.Error);
        Assert.Contains(Logged(), e => e.RenderMessage().Contains("dup_pkey", StringComparison.Ordinal));

        var (broken, brokenRefused) = await RefusedAsync(store, "insert into dup values (1 / 0, @reason)", reason);
        log.LogFailure(broken, brokenRefused);
        Assert.Single(Logged(), e => e.Level >= LogEventLevel.Error);
        Assert.DoesNotContain(Logged(), e => e.RenderMessage().Contains(reason, StringComparison.Ordinal));
    }

    private static async Task<(NpgsqlCommand Command, PostgresException Refused)> RefusedAsync(DocumentStore store, string sql, string reason)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("create temp table dup (id int primary key, note text)", connection))
            await create.ExecuteNonQueryAsync();
        var command = new NpgsqlCommand(sql) { Parameters = { new NpgsqlParameter("reason", reason) } };
        command.Connection = connection;
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        command.Connection = null;
        return (command, refused);
    }

    [Fact]
    public async Task Simultaneous_deletes_all_succeed_delete_once_and_schedule_one_purge()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.DeleteFileAsync(owner.Token, fileId)));

        Assert.All(responses, r => r.ShouldSucceed());
        Assert.Single((await host.EventsOfAsync(fileId)).OfType<FileDeleted>());
        Assert.Single(await host.ScheduledPurgesAsync(fileId));
    }

    [Fact]
    public async Task Simultaneous_restores_all_succeed_and_restore_once()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.RestoreFileAsync(owner.Token, fileId)));

        Assert.All(responses, r => r.ShouldSucceed());
        Assert.Single((await host.EventsOfAsync(fileId)).OfType<FileRestored>());
    }

    [Fact]
    public async Task A_restore_that_changes_nothing_lets_go_of_the_file_before_the_next_field_of_its_request()
    {
        var request = host.GraphQL.SendAsync(
            "mutation($id: ID!) { restoreFile(id: $id) { id } requestDownload(id: $id) { url } }", new { id = fileId }, owner.Token);

        var answered = await Task.WhenAny(request, Task.Delay(TimeSpan.FromSeconds(15)));

        Assert.Same(request, answered); // before, the download waited for the restore's lock until its command timed out
        (await request).ShouldSucceed();
    }

    [Fact]
    public async Task A_delete_sent_while_downloads_run_succeeds_at_its_first_try()
    {
        using var stop = new CancellationTokenSource();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var downloads = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await host.GetContentAsync(owner.Token, fileId);
                statuses.Add(response.StatusCode);
            }
        })).ToList();
        while (statuses.Count < 12)
            await Task.Delay(10);

        var deleted = await host.DeleteFileAsync(owner.Token, fileId);
        await stop.CancelAsync();
        await Task.WhenAll(downloads);

        deleted.ShouldSucceed();
        Assert.Equal(1, host.Saves.Of<FileDeleted>(fileId)); // a delete that lost a race to a download would save again
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
        var events = await host.EventsOfAsync(fileId);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), events.OfType<FileAccessed>().Count());
    }

    [Fact]
    public async Task A_delete_that_loses_its_race_to_a_sync_record_decides_again_and_deletes()
    {
        host.Races.BeforeTheNext<FileDeleted>(fileId, () => host.SyncAsync(fileId));

        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();

        Assert.False(host.Races.IsArmed);
        Assert.Equal(2, host.Saves.Of<FileDeleted>(fileId));
        var events = await host.EventsOfAsync(fileId);
        Assert.IsType<FileSyncedToCloud>(events[^2]);
        Assert.IsType<FileDeleted>(events[^1]);
        Assert.Single(await host.ScheduledPurgesAsync(fileId)); // the lost attempt's purge rolled back with it
    }

    [Fact]
    public async Task A_download_that_loses_its_race_to_a_sync_record_decides_again_and_is_served()
    {
        await ShouldBeServedAfterAsync<FileSyncedToCloud>(() => host.SyncAsync(fileId), StorageTier.Local);
    }

    [Fact]
    public async Task A_download_whose_local_copy_is_evicted_meanwhile_is_served_from_the_cloud_copy()
    {
        await host.SyncToCloudAsync(owner.Id, fileId, "contended"u8.ToArray());

        await ShouldBeServedAfterAsync<LocalCopyEvicted>(() => host.EvictLocalCopyAsync(fileId), StorageTier.Cloud);
    }

    /// <summary>Lands <paramref name="race"/> just before a download saves its access; the download is still served.</summary>
    private async Task ShouldBeServedAfterAsync<TRaced>(Func<Task> race, StorageTier servedFrom)
    {
        host.Races.BeforeTheNextAccessOf(fileId, race);

        using var response = await host.GetContentAsync(owner.Token, fileId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("contended"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.False(host.Races.IsArmed);
        var events = await host.EventsOfAsync(fileId);
        Assert.IsType<TRaced>(events[^2]);
        Assert.Equal(servedFrom, Assert.IsType<FileAccessed>(events[^1]).Tier);
    }

    [Fact]
    public async Task A_download_url_asked_for_as_the_local_copy_is_evicted_is_one_of_the_cloud_copy()
    {
        var content = "contended"u8.ToArray();
        await host.SyncToCloudAsync(owner.Id, fileId, content);
        host.Races.BeforeTheNextAccessOf(fileId, () => host.EvictLocalCopyAsync(fileId));

        var ticket = (await host.RequestDownloadAsync(owner.Token, fileId)).ShouldSucceed().Data.GetProperty("requestDownload");

        Assert.False(host.Races.IsArmed);
        Assert.Contains("/catalog-cloud/", ticket.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(StorageTier.Cloud, Assert.IsType<FileAccessed>((await host.EventsOfAsync(fileId))[^1]).Tier);
    }

    [Fact]
    public async Task Deletes_and_restores_racing_never_leave_contradictory_events()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();

        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(
                host.RestoreFileAsync(owner.Token, fileId), host.DeleteFileAsync(owner.Token, fileId),
                host.RestoreFileAsync(owner.Token, fileId), host.DeleteFileAsync(owner.Token, fileId));
            Assert.All(responses, r => r.ShouldSucceed());
        }

        var lifecycle = (await host.EventsOfAsync(fileId)).Where(e => e is FileDeleted or FileRestored).ToList();
        for (var i = 0; i < lifecycle.Count; i++)
            Assert.IsType(i % 2 == 0 ? typeof(FileDeleted) : typeof(FileRestored), lifecycle[i]);
        // A delete that lost its race rolled its scheduled purge back with it.
        Assert.Equal(lifecycle.OfType<FileDeleted>().Count(), (await host.ScheduledPurgesAsync(fileId)).Count);
    }

    [Fact]
    public async Task Simultaneous_downloads_all_succeed_and_are_all_recorded()
    {
        // Accesses never contradict each other: however many come at once, they queue and none fails.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.GetContentAsync(owner.Token, fileId)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(20, (await host.EventsOfAsync(fileId)).OfType<FileAccessed>().Count());
        foreach (var response in responses)
            response.Dispose();
    }

    [Fact]
    public async Task A_restore_arriving_while_the_purge_holds_the_stream_waits_and_finds_the_file_gone()
    {
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        await using var purge = host.OpenSession();
        var locked = await purge.Events.FetchForExclusiveWriting<StoredFile>(fileId);

        var restore = host.RestoreFileAsync(owner.Token, fileId);
        await WaitForASessionBlockedOnALockAsync();
        locked.AppendOne(new FilePurged(fileId, owner.Id, locked.Aggregate!.Size, locked.Aggregate.LocalCopy, null, locked.Aggregate.DeletedAt!.Value, DateTimeOffset.UtcNow));
        await purge.SaveChangesAsync();

        (await restore).ShouldFailWith("NOT_FOUND"); // decided again on the purged file, as a restore after it is
        var events = await host.EventsOfAsync(fileId);
        Assert.IsType<FilePurged>(events[^1]);
        Assert.Empty(events.OfType<FileRestored>());
    }

    [Fact]
    public async Task A_restore_saved_as_the_window_closes_and_a_purge_whose_commit_fails_never_leave_a_file_without_its_bytes()
    {
        var content = "contended"u8.ToArray();
        (await host.DeleteFileAsync(owner.Token, fileId)).ShouldSucceed();
        var (purge, dueAt) = Assert.Single(await host.ScheduledPurgesAsync(fileId));
        host.Clock.Advance(dueAt - host.Clock.GetUtcNow() - TimeSpan.FromSeconds(1)); // the restore decides in the window's last second
        Task? purging = null;
        Task? blocked = null;
        using var stopWaiting = new CancellationTokenSource();
        host.Races.BeforeTheNext<FileRestored>(fileId, async () =>
        {
            // The window closes as the restore saves. The purge removes the bytes, then its commit fails, as when its
            // connection drops: nothing it did is recorded.
            host.Clock.Advance(TimeSpan.FromSeconds(2));
            host.Races.BeforeTheNext<FilePurged>(fileId, () => throw new NpgsqlException("Exception while reading from stream", new TimeoutException()));
            purging = InvokeQuietlyAsync(purge);
            blocked = WaitForASessionBlockedOnALockAsync(stopWaiting.Token);
            await Task.WhenAny(purging, blocked);
        });

        var restored = await host.RestoreFileAsync(owner.Token, fileId);
        await stopWaiting.CancelAsync();
        await Task.WhenAny(blocked!);
        await purging!.WaitAsync(TimeSpan.FromSeconds(15));
        host.Races.Disarm();

        // Either the restore won and the file is back with its bytes, or the purge won and the file is gone: never a file
        // that is listed and has no bytes.
        restored.ShouldSucceed();
        Assert.Empty((await host.EventsOfAsync(fileId)).OfType<FilePurged>());
        using var response = await host.GetContentAsync(owner.Token, fileId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    private async Task InvokeQuietlyAsync(PurgeFile purge)
    {
        try
        {
            using var scope = host.Host.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>().InvokeAsync(purge);
        }
        catch (Exception)
        {
            // The failed commit: the purge goes to the dead letters (or is tried again later).
        }
    }

    private async Task WaitForASessionBlockedOnALockAsync(CancellationToken stop = default)
    {
        var connectionString = host.Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Catalog");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stop);
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", connection);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while ((long)(await command.ExecuteScalarAsync(timeout.Token))! == 0)
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
    }
}
