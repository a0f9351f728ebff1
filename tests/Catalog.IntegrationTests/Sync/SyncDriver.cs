using System.Security.Cryptography;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.FileListing;
using Catalog.Projections.SyncRuns;
using Marten;
using Wolverine.Tracking;

namespace Catalog.IntegrationTests.Sync;

/// <summary>What the sync tests do again and again: seed files, run a sync to its end, read what it recorded.</summary>
public sealed class SyncDriver(SyncHost host)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Configuration makes this address an admin; the data is reset before each test, so it is free.</summary>
    public Task<TestUser> AdminAsync() => host.GraphQL.SignUpAsync(CatalogHost.AdminEmail);

    public async Task<IReadOnlyList<(Guid Id, byte[] Content)>> SeedAsync(TestUser owner, int count, int size = 64 * 1024)
    {
        var files = new List<(Guid, byte[])>();
        for (var i = 0; i < count; i++)
        {
            var content = SampleFiles.RandomBinary(size);
            var uploaded = (await host.GraphQL.UploadAsync(owner.Token, $"file-{i}.bin", content)).ShouldSucceed();
            files.Add((uploaded.Data.GetProperty("uploadFile").GetProperty("id").GetGuid(), content));
        }
        return files;
    }

    /// <summary>Starts a run as <paramref name="admin"/> and waits until every message it caused is handled.</summary>
    public async Task<SyncRunSummary> RunAsync(TestUser admin)
    {
        JsonElement started = default;
        await host.Host.TrackActivity(RunTimeout).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
        {
            started = (await host.GraphQL.SendAsync("mutation { startSync { id status } }", token: admin.Token))
                .ShouldSucceed().Data.GetProperty("startSync");
        }));
        return await RunAsync(started.GetProperty("id").GetGuid());
    }

    /// <summary>Handles <paramref name="message"/> and waits until every message it caused is handled.</summary>
    public Task<ITrackedSession> InvokeAsync(object message) =>
        host.Host.TrackActivity(RunTimeout).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(ctx => ctx.InvokeAsync(message)));

    public async Task<SyncRunSummary> RunAsync(Guid runId)
    {
        await using var session = host.OpenSession();
        return await session.LoadAsync<SyncRunSummary>(runId) ?? throw new InvalidOperationException($"No run {runId}.");
    }

    /// <summary>Reads the run until it is finished; fails after <paramref name="timeout"/>.</summary>
    public async Task<SyncRunSummary> FinishedAsync(Guid runId, TimeSpan timeout)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var run = await RunAsync(runId);
            if (run.Status == SyncRunStatus.Finished)
                return run;
            if (DateTimeOffset.UtcNow > until)
                throw new TimeoutException($"Sync run {runId} still {run.Status} after {timeout} ({run.Batches} batches done).");
            await Task.Delay(100);
        }
    }

    public async Task<IReadOnlyList<SyncRunSummary>> RunsAsync()
    {
        await using var session = host.OpenSession();
        return await session.Query<SyncRunSummary>().OrderBy(r => r.StartedAt).ToListAsync();
    }

    public async Task<FileListing> ListingAsync(Guid fileId)
    {
        await using var session = host.OpenSession();
        return await session.LoadAsync<FileListing>(fileId) ?? throw new InvalidOperationException($"No file {fileId}.");
    }

    public async Task<IReadOnlyList<FileListing>> ListingsAsync(Guid ownerId)
    {
        await using var session = host.OpenSession();
        return await session.Query<FileListing>().Where(f => f.OwnerId == ownerId).OrderBy(f => f.Id).ToListAsync();
    }

    public async Task<IReadOnlyList<T>> EventsAsync<T>(Guid fileId) where T : class
    {
        await using var session = host.OpenSession();
        var events = await session.Events.FetchStreamAsync(fileId);
        return events.Select(e => e.Data).OfType<T>().ToList();
    }

    public async Task DeleteAsync(Guid fileId, Guid by)
    {
        await using var session = host.OpenSession();
        var stream = await session.Events.FetchForWriting<StoredFile>(fileId);
        stream.AppendMany(FileDecisions.Delete(stream.Aggregate, new DeleteFile(fileId, by, "test"), DateTimeOffset.UtcNow).Events);
        await session.SaveChangesAsync();
    }

    /// <summary>The cloud copy is there and holds exactly <paramref name="content"/>.</summary>
    public async Task AssertInCloudAsync(TestUser owner, Guid fileId, byte[] content) =>
        Assert.Equal((content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content))),
            await host.CloudBucket.ReadAsync(SyncHost.KeyOf(owner, fileId)));
}
