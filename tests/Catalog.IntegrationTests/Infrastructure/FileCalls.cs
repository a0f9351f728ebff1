using System.Net.Http.Headers;
using System.Security.Cryptography;
using Catalog.Domain.Files;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>The lifecycle calls a client makes (GraphQL and the REST content endpoint), and looks into the event store.</summary>
public static class FileCalls
{
    public const string FileFields = "id name size sha256 tier deleted deletedAt accessCount lastAccessedAt";

    public static async Task<Guid> UploadFileAsync(
        this CatalogHost host, TestUser user, string name, byte[] content, string contentType = "application/octet-stream") =>
        (await host.GraphQL.UploadAsync(user.Token, name, content, contentType)).ShouldSucceed()
            .Data.GetProperty("uploadFile").GetProperty("id").GetGuid();

    public static Task<GraphQLResponse> RequestDownloadAsync(this CatalogHost host, string token, Guid id) =>
        host.GraphQL.SendAsync("mutation($id: ID!) { requestDownload(id: $id) { url expiresAt } }", new { id }, token);

    public static Task<GraphQLResponse> DeleteFileAsync(this CatalogHost host, string token, Guid id, string? reason = null) =>
        host.GraphQL.SendAsync($"mutation($id: ID!, $reason: String) {{ deleteFile(id: $id, reason: $reason) {{ {FileFields} }} }}",
            new { id, reason }, token);

    public static Task<GraphQLResponse> RestoreFileAsync(this CatalogHost host, string token, Guid id) =>
        host.GraphQL.SendAsync($"mutation($id: ID!) {{ restoreFile(id: $id) {{ {FileFields} }} }}", new { id }, token);

    public static Task<GraphQLResponse> FileAsync(this CatalogHost host, string token, Guid id) =>
        host.GraphQL.SendAsync($"query($id: ID!) {{ file(id: $id) {{ {FileFields} }} }}", new { id }, token);

    public static async Task<IReadOnlyList<Guid>> ListedIdsAsync(this CatalogHost host, string token, string field = "files")
    {
        var response = (await host.GraphQL.SendAsync($"{{ {field}(first: 100) {{ edges {{ node {{ id }} }} }} }}", token: token)).ShouldSucceed();
        return response.Data.GetProperty(field).GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node").GetProperty("id").GetGuid()).ToList();
    }

    public static async Task<HttpResponseMessage> GetContentAsync(
        this CatalogHost host, string? token, object id, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/files/{id}/content");
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        headers?.Invoke(request.Headers);
        return await host.GraphQL.Http.SendAsync(request);
    }

    public static async Task<IReadOnlyList<object>> EventsOfAsync(this CatalogHost host, Guid fileId)
    {
        await using var session = host.OpenSession();
        return (await session.Events.FetchStreamAsync(fileId)).Select(e => e.Data).ToList();
    }

    /// <summary>What the nightly sync leaves behind: the bytes in the cloud bucket and <see cref="FileSyncedToCloud"/>.</summary>
    public static async Task SyncToCloudAsync(this CatalogHost host, Guid ownerId, Guid fileId, byte[] content)
    {
        var key = ObjectKeys.For(ownerId, fileId);
        await host.CloudBucket.PutAsync(key, content);
        await using var session = host.OpenSession();
        var stream = await session.Events.FetchForWriting<StoredFile>(fileId);
        var decision = FileDecisions.SyncToCloud(stream.Aggregate,
            new SyncFileToCloud(fileId, new StorageLocation("catalog-cloud", key), Sha256Of(content), content.Length, Guid.NewGuid()),
            DateTimeOffset.UtcNow);
        Assert.Null(decision.Error);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync();
    }

    /// <summary>What the sync leaves when it evicts: <see cref="LocalCopyEvicted"/> (the object itself is the caller's to remove).</summary>
    public static async Task EvictLocalCopyAsync(this CatalogHost host, Guid fileId)
    {
        await using var session = host.OpenSession();
        var stream = await session.Events.FetchForWriting<StoredFile>(fileId);
        var decision = FileDecisions.EvictLocalCopy(stream.Aggregate, new EvictLocalCopy(fileId, Guid.NewGuid()), DateTimeOffset.UtcNow);
        Assert.Null(decision.Error);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync();
    }

    /// <summary>The purge messages waiting in Wolverine's durable storage for a file, with their due times.</summary>
    public static async Task<IReadOnlyList<(PurgeFile Message, DateTimeOffset DueAt)>> ScheduledPurgesAsync(
        this CatalogHost host, Guid fileId) =>
        (await host.ScheduledAsync<PurgeFile>()).Where(p => p.Message.FileId == fileId).ToList();

    /// <summary>The messages of one type waiting in Wolverine's durable storage, with their due times, earliest first.</summary>
    public static async Task<IReadOnlyList<(T Message, DateTimeOffset DueAt)>> ScheduledAsync<T>(this CatalogHost host)
    {
        var store = host.Host.Services.GetRequiredService<IMessageStore>();
        var incoming = await store.Admin.AllIncomingAsync();
        return incoming
            .Where(e => e.Status == EnvelopeStatus.Scheduled && e.MessageType?.EndsWith(typeof(T).Name, StringComparison.Ordinal) == true)
            .Select(e => (Message: JsonSerializer.Deserialize<T>(e.Data, JsonOptions)!, DueAt: e.ScheduledTime!.Value))
            .OrderBy(p => p.DueAt)
            .ToList();
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
