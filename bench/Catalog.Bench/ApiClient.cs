using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Catalog.Bench;

/// <summary>The API as a client sees it: GraphQL over HTTP, GraphQL multipart uploads and REST uploads.</summary>
public sealed class ApiClient(Uri baseUrl) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromMinutes(10),
    };

    public Uri BaseUrl => baseUrl;

    public async Task<(Guid UserId, string Token)> SignUpAsync(string? email = null)
    {
        var data = await GraphQLAsync(
            null,
            "mutation($input: CredentialsInput!) { signUp(input: $input) { token user { id } } }",
            new { input = new { email = email ?? $"bench-{Guid.NewGuid():N}@example.test", password = "correct horse battery" } });
        var payload = data.GetProperty("signUp");
        return (payload.GetProperty("user").GetProperty("id").GetGuid(), payload.GetProperty("token").GetString()!);
    }

    public async Task<JsonElement> GraphQLAsync(string? token, string query, object? variables = null, CancellationToken ct = default) =>
        (await GraphQLTimedAsync(token, query, variables, ct)).Data;

    /// <summary>The answer and the API's own time before answering (its Server-Timing header, which the bench turns on).</summary>
    public async Task<(JsonElement Data, double ServerMs)> GraphQLTimedAsync(
        string? token, string query, object? variables = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        Authorize(request, token);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (!response.IsSuccessStatusCode || body.TryGetProperty("errors", out _))
            throw new InvalidOperationException($"GraphQL call failed ({(int)response.StatusCode}): {body}");
        var timing = response.Headers.TryGetValues("Server-Timing", out var values) ? values.Single() : "";
        var serverMs = timing.StartsWith("app;dur=", StringComparison.Ordinal)
            ? double.Parse(timing["app;dur=".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : double.NaN;
        return (body.GetProperty("data"), serverMs);
    }

    /// <summary>REST <c>POST /api/files</c> with the bytes as the raw body.</summary>
    public async Task UploadRestAsync(string token, string name, Stream content, long length, CancellationToken ct = default)
    {
        using var body = new StreamContent(content, 128 * 1024);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Headers.ContentLength = length;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/files") { Content = body };
        request.Headers.Add("X-File-Name", Uri.EscapeDataString(name));
        Authorize(request, token);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"REST upload failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>GraphQL's <c>uploadFile</c> over the multipart request spec.</summary>
    public async Task UploadGraphQLAsync(string token, string name, Stream content, CancellationToken ct = default)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("""{"query":"mutation($file: Upload!){ uploadFile(file: $file){ id size } }","variables":{"file":null}}"""), "operations");
        form.Add(new StringContent("""{"0":["variables.file"]}"""), "map");
        var file = new StreamContent(content, 128 * 1024);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "0", name);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = form };
        request.Headers.Add("GraphQL-Require-Preflight", "1");
        Authorize(request, token);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode || text.Contains("\"errors\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"GraphQL upload failed ({(int)response.StatusCode}): {text}");
    }

    private static void Authorize(HttpRequestMessage request, string? token)
    {
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public void Dispose() => http.Dispose();
}
