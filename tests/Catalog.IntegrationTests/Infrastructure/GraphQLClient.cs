using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Catalog.IntegrationTests.Infrastructure;

public sealed record GraphQLResponse(HttpStatusCode Status, JsonElement Body)
{
    public JsonElement Data => Body.GetProperty("data");

    public IReadOnlyList<string> ErrorCodes =>
        Body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()!).ToList()
            : [];

    public string FirstErrorMessage => Body.GetProperty("errors")[0].GetProperty("message").GetString()!;

    public GraphQLResponse ShouldSucceed()
    {
        Assert.True(Status == HttpStatusCode.OK && ErrorCodes.Count == 0, $"Expected success, got {(int)Status}: {Body}");
        return this;
    }

    public void ShouldFailWith(string code)
    {
        Assert.True(ErrorCodes.Contains(code), $"Expected error code {code}, got {(int)Status}: {Body}");
    }
}

/// <summary>Talks to <c>/graphql</c> the way a client does: JSON posts and multipart uploads over HTTP.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<GraphQLResponse> SendAsync(string query, object? variables = null, string? token = null) =>
        SendAsync(Request(HttpMethod.Post, token, JsonContent.Create(new { query, variables })));

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request, CancellationToken ct = default)
    {
        using (request)
        using (var response = await http.SendAsync(request, ct))
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            return new GraphQLResponse(response.StatusCode, body);
        }
    }

    public Task<GraphQLResponse> UploadAsync(string token, string fileName, byte[] content, string contentType = "application/octet-stream", bool preflight = true)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("""{"query":"mutation($file: Upload!){ uploadFile(file: $file){ id ownerId name size sha256 tier contentType uploadedAt accessCount } }","variables":{"file":null}}"""), "operations" },
            { new StringContent("""{"0":["variables.file"]}"""), "map" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.TryAddWithoutValidation("Content-Type", contentType);
        form.Add(file, "0", fileName);

        var request = Request(HttpMethod.Post, token, form);
        if (preflight)
            request.Headers.Add("GraphQL-Require-Preflight", "1");
        return SendAsync(request);
    }

    public async Task<TestUser> SignUpAsync(string? email = null, string password = "correct horse battery")
    {
        email ??= $"user-{Guid.NewGuid():N}@example.test";
        var response = await SendAsync(
            "mutation($input: CredentialsInput!) { signUp(input: $input) { token user { id email roles } } }",
            new { input = new { email, password } });
        var payload = response.ShouldSucceed().Data.GetProperty("signUp");
        return new TestUser(
            payload.GetProperty("user").GetProperty("id").GetGuid(),
            email,
            password,
            payload.GetProperty("token").GetString()!);
    }

    public static HttpRequestMessage Request(HttpMethod method, string? token, HttpContent? content = null, string url = "/graphql")
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary><c>POST /api/files</c> with a raw body, its type and its (percent-encoded) name.</summary>
    public static HttpRequestMessage RestUpload(
        string? token, HttpContent body, string fileName = "upload.bin", string contentType = "application/octet-stream")
    {
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = Request(HttpMethod.Post, token, body, "/api/files");
        request.Headers.TryAddWithoutValidation("X-File-Name", fileName);
        return request;
    }
}

public sealed record TestUser(Guid Id, string Email, string Password, string Token);
