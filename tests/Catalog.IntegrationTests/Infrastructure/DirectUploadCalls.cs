using System.Text.Json;

namespace Catalog.IntegrationTests.Infrastructure;

public sealed record Ticket(Guid UploadId, Uri Url, DateTimeOffset ExpiresAt, IReadOnlyDictionary<string, string> Headers);

/// <summary>A direct upload as a client does it: begin over GraphQL, PUT to the storage URL, complete over GraphQL.</summary>
public static class DirectUploadCalls
{
    private static readonly HttpClient Storage = new();

    public static Task<GraphQLResponse> BeginUploadAsync(
        this CatalogHost host, string token, string fileName, long size, string sha256, string? contentType = "application/octet-stream") =>
        host.GraphQL.SendAsync(
            "mutation($input: BeginUploadInput!) { beginUpload(input: $input) { uploadId url expiresAt headers { name value } } }",
            new { input = new { fileName, contentType, size, sha256 } }, token);

    public static async Task<Ticket> BeginUploadAsync(this CatalogHost host, string token, string fileName, byte[] content, string contentType = "application/octet-stream")
    {
        var ticket = (await host.BeginUploadAsync(token, fileName, content.LongLength, FileCalls.Sha256Of(content), contentType))
            .ShouldSucceed().Data.GetProperty("beginUpload");
        return new Ticket(
            ticket.GetProperty("uploadId").GetGuid(),
            new Uri(ticket.GetProperty("url").GetString()!),
            ticket.GetProperty("expiresAt").GetDateTimeOffset(),
            ticket.GetProperty("headers").EnumerateArray().ToDictionary(h => h.GetProperty("name").GetString()!, h => h.GetProperty("value").GetString()!));
    }

    /// <summary>PUTs the bytes to the presigned URL with the ticket's headers, straight to the storage server.</summary>
    public static async Task PutAsync(this Ticket ticket, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        foreach (var (name, value) in ticket.Headers)
            body.Headers.TryAddWithoutValidation(name, value);
        using var response = await Storage.PutAsync(ticket.Url, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT to the upload URL answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static Task<GraphQLResponse> CompleteUploadAsync(this CatalogHost host, string token, Guid uploadId) =>
        host.GraphQL.SendAsync(
            $"mutation($id: ID!) {{ completeUpload(uploadId: $id) {{ {FileCalls.FileFields} contentType }} }}", new { id = uploadId }, token);

    public static JsonElement CompletedFile(this GraphQLResponse response) => response.ShouldSucceed().Data.GetProperty("completeUpload");

    public static string StagingKey(TestUser user, Guid uploadId) => Catalog.Domain.Files.ObjectKeys.Staging(user.Id, uploadId);
}
