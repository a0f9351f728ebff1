using System.Text;
using System.Text.Json;
using Catalog.Api.Auth;
using Catalog.Api.Errors;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.GraphQL.WebSockets;
using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Networking;

/// <summary>
/// Every HTTP endpoint, sent hostile requests over real Kestrel: each answer is a success or a 4xx problem body with a
/// known code (a GraphQL error with one at /graphql), never a 5xx, never a stack, a type name, SQL or a path; and a
/// refused request leaves the events and the local bucket as they were. Malformed HTTP that Kestrel refuses before any
/// middleware runs keeps its bare status (ADR 0113).
/// </summary>
[Collection(KestrelCollection.Name)]
public sealed class HostileRequestSweepTests(KestrelHost host) : IAsyncLifetime
{
    /// <summary><c>Fresh</c>: an owner of its own, with no files yet, so that no upload meets the quota before its flaw.</summary>
    private enum Who { Anonymous, User, Admin, Fresh }

    /// <param name="Headers">Raw header lines; Host and Connection are added, and Content-Length unless one frames the body.</param>
    private sealed record Case(string Name, string Method, string Target, string[] Headers, byte[] Body, Who Who = Who.User,
        bool HalfClose = false, bool BareAllowed = false);

    private const string ProblemType = "application/problem+json";

    private static readonly string[] LeakMarks =
        ["Exception", "   at ", ".cs:line", "Npgsql", "System.", "Microsoft.", "Catalog.", "Marten", "mt_events", "SELECT ",
         // The server's own paths: the checkout it runs from and the temporary folder it spools to.
         RepositoryRoot.Path, Path.GetTempPath()];

    private readonly StorageProbe bucket = new(TestEnvironment.LocalS3, "catalog-local");
    private TestUser user = null!;
    private string userToken = null!, adminToken = null!, ghostToken = null!;
    private Guid fileId;

    public async Task InitializeAsync()
    {
        user = await host.GraphQL.SignUpAsync();
        userToken = user.Token;
        var tokens = host.Services.GetRequiredService<TokenIssuer>();
        adminToken = tokens.Issue(new UserAccount(user.Id, user.Email, "", [], DateTimeOffset.UtcNow), [Roles.User, Roles.Admin]).Token;
        // A well-signed token whose account does not exist (there is no account deletion: this is the nearest thing).
        ghostToken = tokens.Issue(new UserAccount(Guid.NewGuid(), "ghost@example.test", "", [], DateTimeOffset.UtcNow), [Roles.User]).Token;
        using var upload = GraphQLClient.RestUpload(userToken, new ByteArrayContent(Encoding.ASCII.GetBytes(new string('s', 100))), "sweep.txt", "text/plain");
        using var created = await host.GraphQL.Http.SendAsync(upload);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        fileId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public Task DisposeAsync()
    {
        bucket.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_endpoint_answers_every_hostile_request_with_success_or_a_coded_4xx_and_changes_nothing_it_refuses()
    {
        var failures = new List<string>();
        var cases = Cases().ToList();
        foreach (var c in cases)
        {
            var owner = c.Who == Who.Fresh ? Guid.CreateVersion7() : user.Id;
            var eventsBefore = await EventCountAsync();
            var objectsBefore = (await bucket.KeysUnderAsync($"{owner}/")).Count;
            RawAnswer? answer;
            try
            {
                answer = await RawExchange.SendAsync(host.GraphQL.Http.BaseAddress!, Head(c, owner), c.Body, c.HalfClose, c.Method == "HEAD");
            }
            catch (Exception e)
            {
                failures.Add($"{c.Name}: no answer ({e.GetType().Name}: {e.Message})");
                continue;
            }
            if (answer is null)
            {
                // Only a client that went away may be left without an answer.
                if (!c.HalfClose)
                    failures.Add($"{c.Name}: the server closed without answering");
            }
            else
            {
                failures.AddRange(Judge(c, answer).Select(f => $"{c.Name} → {answer.Status} {answer.Header("Content-Type")}: {f} [{Cut(answer.Body)}]"));
            }
            if (answer is null || answer.Status >= 400)
            {
                if (await EventCountAsync() != eventsBefore)
                    failures.Add($"{c.Name}: refused, yet events were appended");
                if ((await bucket.KeysUnderAsync($"{owner}/")).Count != objectsBefore)
                    failures.Add($"{c.Name}: refused, yet the local bucket changed");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} requests misjudged:\n" + string.Join("\n", failures));
    }

    private static IEnumerable<string> Judge(Case c, RawAnswer answer)
    {
        if (answer.Status >= 500)
            yield return "a server error";
        var errorBody = answer.Status >= 400 || c.Target.StartsWith("/graphql?", StringComparison.Ordinal) || c.Target == "/graphql";
        if (errorBody)
            foreach (var mark in LeakMarks.Where(m => answer.Body.Contains(m, StringComparison.Ordinal)))
                yield return $"the body shows '{mark}'";
        if (answer.Status < 400 && answer.Body.Contains("\"errors\"", StringComparison.Ordinal) && CodeOf(answer) is null)
            yield return "a GraphQL error without a code";
        if (answer.Status is < 400 or >= 500 || (c.BareAllowed && answer.Body.Length == 0))
            yield break;
        if (c.Method == "HEAD")
        {
            // A HEAD answer has no body to judge: its type must still say that a GET's would be a problem (at /graphql,
            // GraphQL's own error response, which carries its code in the errors).
            var type = answer.Header("Content-Type") ?? "";
            var graphQL = c.Target.StartsWith("/graphql?", StringComparison.Ordinal) || c.Target == "/graphql";
            if (!type.StartsWith(ProblemType, StringComparison.Ordinal) && !(graphQL && type.StartsWith("application/json", StringComparison.Ordinal)))
                yield return $"a 4xx to HEAD typed '{answer.Header("Content-Type")}', not a problem";
            yield break;
        }
        if (CodeOf(answer) is not { } code)
            yield return "a 4xx without a problem body carrying a code";
        else if (!ErrorCode.All.Contains(code))
            yield return $"an unknown code '{code}'";
    }

    /// <summary>A problem body's code, or a GraphQL error's (every one of them must have one).</summary>
    private static string? CodeOf(RawAnswer answer)
    {
        try
        {
            var body = JsonDocument.Parse(answer.Body).RootElement;
            if (answer.Header("Content-Type")?.StartsWith(ProblemType, StringComparison.Ordinal) == true)
                return body.TryGetProperty("code", out var code) ? code.GetString() : null;
            if (body.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
            {
                var codes = errors.EnumerateArray()
                    .Select(e => e.TryGetProperty("extensions", out var x) && x.TryGetProperty("code", out var k) ? k.GetString() : null).ToList();
                return codes.All(k => k is not null) ? codes[0] : null;
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string Head(Case c, Guid owner)
    {
        var lines = new List<string> { $"{c.Method} {c.Target.Replace("{file}", fileId.ToString(), StringComparison.Ordinal)} HTTP/1.1", $"Host: {host.GraphQL.Http.BaseAddress!.Authority}", "Connection: close" };
        if (!c.Headers.Any(h => h.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase)))
        {
            var token = c.Who switch { Who.User => userToken, Who.Admin => adminToken, Who.Fresh => TokenFor(owner), _ => null };
            if (token is not null)
                lines.Add($"Authorization: Bearer {token}");
        }
        lines.AddRange(c.Headers.Select(h => h.Replace("{ghost}", ghostToken, StringComparison.Ordinal).Replace("{token}", userToken, StringComparison.Ordinal)));
        if (!c.Headers.Any(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase) || h.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase))
            && (c.Body.Length > 0 || c.Method is "POST" or "PUT" or "PATCH"))
            lines.Add($"Content-Length: {c.Body.Length}");
        return string.Join("\r\n", lines);
    }

    private string TokenFor(Guid owner) => host.Services.GetRequiredService<TokenIssuer>()
        .Issue(new UserAccount(owner, $"{owner:N}@example.test", "", [], DateTimeOffset.UtcNow), [Roles.User]).Token;

    private async Task<long> EventCountAsync()
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Events.QueryAllRawEvents().LongCountAsync();
    }

    private static string Cut(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);
    private static readonly byte[] None = [];

    private static IEnumerable<Case> Cases()
    {
        string[] targets =
        [
            "/graphql", "/graphql?query=%7B__typename%7D", "/graphql/ui", "/graphql/ui/", "/graphql/ui/bcp-config.json",
            "/health/live", "/health/ready", "/health/cloud", "/api/files", "/api/files/{file}/content", "/api/audit/export",
            "/", "/nowhere",
        ];
        string[] methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FROB"];
        foreach (var target in targets)
        foreach (var method in methods)
        foreach (var who in new[] { Who.Anonymous, Who.User })
            yield return new Case($"{method} {target} as {who}", method, target, [], None, who);

        string[] ids =
        [
            "not-a-guid", "%00", "..%2f..%2fetc%2fpasswd", "%2e%2e", new string('a', 5000), "%ZZ", "{file}%00", "{file}%20",
            Guid.NewGuid().ToString(), "{" + Guid.NewGuid() + "}", Guid.Empty.ToString(), "%F0%9F%92%A9", "%FF%FE",
        ];
        // Kestrel refuses a request target that decodes to NUL before any middleware runs: its bare 400 (ADR 0113).
        foreach (var id in ids)
        foreach (var method in new[] { "GET", "HEAD" })
            yield return new Case($"{method} content of '{Cut(id)}'", method, $"/api/files/{id}/content", [], None, BareAllowed: id.Contains("%00", StringComparison.Ordinal));
        foreach (var target in new[] { "/api/files/{file}/content/", "/api/files//content", "/api//files/{file}/content", "/api/files/{file}/content/..%2f..%2f", "/API/FILES/{file}/CONTENT" })
            yield return new Case($"GET {target}", "GET", target, [], None);

        string[] exportQueries =
        [
            "ownerId=a&ownerId=b", "ownerId={u}&ownerId={u}", "from=%ZZ", "kinds=" + new string('k', 6000), "fileId=%00", "to=2026-13-45T00:00:00Z",
            "kinds=%FF%FE", "ownerId=", "kinds=", "from=2026-11-01", "unknown=1", "%ZZ=1", "kinds=FileAccessed&kinds=FileDeleted",
            "from=9999-12-31T23:59:59Z&to=0001-01-01T00:00:00Z", "from=2026-11-01T00:00:00%2B99:00", "kinds=%00", "actorId=" + new string('9', 4000),
        ];
        foreach (var query in exportQueries)
        foreach (var who in new[] { Who.User, Who.Admin, Who.Anonymous })
            yield return new Case($"export ?{Cut(query)} as {who}", "GET", "/api/audit/export?" + query.Replace("{u}", Guid.NewGuid().ToString(), StringComparison.Ordinal), [], None, who);

        string[] graphQueries =
        [
            "query=%ZZ", "query=%7B__typename%7D&query=%7B__typename%7D", "query=" + new string('{', 3000), "query=%7B__typename%7D&variables=%7Bnope",
            "query=%7B__typename%7D&operationName=a&operationName=b", "query=%7B__typename%7D&extensions=%5B%5D", "query=", "variables=%7B%7D",
            "query=mutation%7BlogIn(input:%7Bemail:%22a%22,password:%22b%22%7D)%7Btoken%7D%7D", "query=%00", "query=%7B__typename%7D&variables=null",
        ];
        foreach (var query in graphQueries)
            yield return new Case($"GET /graphql?{Cut(query)}", "GET", "/graphql?" + query, [], None);
        yield return new Case("health with a bad query", "GET", "/health/live?%ZZ=%ZZ&a=1&a=2", [], None);

        string[] ranges =
        [
            "bytes=0-0,5-9", "bytes=-5", "bytes=-0", "bytes=0-", "bytes=5-1", "bytes=-1-5", "bytes=0-99999999999999999999999",
            "bytes=99999999999999999999-", "items=0-5", "bytes=", "bytes=a-b", "bytes 0-5", "bytes=0-5;x", "bytes=0-5, bytes=1-2",
            "bytes=18446744073709551615-18446744073709551616", "bytes=100-", "bytes=99-99", "bytes=0--1", "bytes=,", "bytes=0-1," + string.Join(',', Enumerable.Range(2, 300).Select(i => $"{i}-{i}")),
            "bytes=9223372036854775807-", "bytes=-9223372036854775808", "bytes=0-0,-1", "bytes=\u00e9-1",
        ];
        // A byte that is not ASCII in a header other than X-File-Name is Kestrel's bare 400 (ADR 0084, ADR 0113).
        foreach (var range in ranges)
        foreach (var method in new[] { "GET", "HEAD" })
            yield return new Case($"{method} Range: {Cut(range)}", method, "/api/files/{file}/content", [$"Range: {range}"], None, BareAllowed: !Ascii.IsValid(range));
        yield return new Case("two Range headers", "GET", "/api/files/{file}/content", ["Range: bytes=0-1", "Range: bytes=2-3"], None);

        string[][] conditions =
        [
            ["Range: bytes=0-5", "If-Range: garbage"], ["Range: bytes=0-5", "If-Range: \"x\""], ["Range: bytes=0-5", "If-Range: Tue, 99 Foo 2026"],
            ["Range: bytes=0-5", "If-Range: W/\"x\""], ["If-Range: \"x\""], ["If-None-Match: garbage"], ["If-None-Match: *"], ["If-None-Match: \""],
            ["If-None-Match: W/"], ["If-None-Match: \"a\", garbage"], ["If-Modified-Since: yesterday"], ["If-Modified-Since: "],
            ["If-Modified-Since: Tue, 01 Jan 9999 00:00:00 GMT"], ["If-Match: garbage"], ["If-Match: *"], ["If-Match: W/\"x\""],
            ["If-Unmodified-Since: garbage"], ["If-Match: \"x\"", "If-None-Match: \"y\""], ["If-None-Match: " + string.Join(", ", Enumerable.Range(0, 500).Select(i => $"\"{i}\""))],
        ];
        foreach (var headers in conditions)
        foreach (var method in new[] { "GET", "HEAD" })
            yield return new Case($"{method} {string.Join(" + ", headers.Select(Cut))}", method, "/api/files/{file}/content", headers, None);

        foreach (var upload in Uploads())
            yield return upload;
        foreach (var graph in GraphQLPosts())
            yield return graph;

        string[] authorizations =
        [
            "Authorization: Bearer", "Authorization: Bearer ", "Authorization: Bearer a b", "Authorization: Basic dXNlcjpwYXNz",
            "Authorization: Bearer {ghost}", "Authorization: Bearer x.y.z", "Authorization: Bearer {token}x", "Authorization: bearer {token}",
            "Authorization: Bearer {token}, Bearer {token}", "Authorization: " + new string('A', 20000), "Authorization: Bearer %00",
            "Authorization: Negotiate abc", "Authorization:",
        ];
        (string Method, string Target, string[] Headers, byte[] Body)[] authorized =
        [
            ("POST", "/api/files", ["Content-Type: text/plain", "X-File-Name: a.txt"], B("hello")),
            ("GET", "/api/files/{file}/content", [], None), ("HEAD", "/api/files/{file}/content", [], None),
            ("GET", "/api/audit/export", [], None), ("GET", "/graphql?query=%7Bme%7Bid%7D%7D", [], None),
            ("POST", "/graphql", ["Content-Type: application/json"], B("""{"query":"{ me { id } }"}""")), ("GET", "/health/ready", [], None),
        ];
        foreach (var authorization in authorizations)
        foreach (var (method, target, headers, body) in authorized)
            yield return new Case($"{method} {target} with '{Cut(authorization)}'", method, target, [authorization, .. headers], body, Who.Anonymous);
        yield return new Case("two Authorization headers", "GET", "/api/files/{file}/content", ["Authorization: Bearer {token}", "Authorization: Bearer {token}"], None, Who.Anonymous);

        string[] accepts = ["Accept: text/html", "Accept: image/png", "Accept: application/xml;q=1, application/json;q=0", "Accept: */*;q=0", "Accept: garbage"];
        (string Method, string Target, string[] Headers, byte[] Body)[] refused =
        [
            ("POST", "/api/files", ["Content-Type: text/plain", "X-File-Name: a.txt", "X-File-Name: b.txt"], B("named twice")), ("GET", "/api/files/nope/content", [], None),
            ("GET", "/api/files/{file}/content", ["Range: bytes=500-"], None), ("GET", "/api/audit/export?from=nope", [], None),
            ("GET", "/nowhere", [], None), ("POST", "/graphql", ["Content-Type: application/json"], B("""{"query":"{ me { id } }"}""")),
            ("GET", "/graphql?query=%7B__typename%7D", [], None), ("PUT", "/api/files", [], None), ("GET", "/api/files/{file}/content", [], None),
        ];
        foreach (var accept in accepts)
        foreach (var (method, target, headers, body) in refused)
            yield return new Case($"{method} {target} with '{accept}'", method, target, [accept, .. headers], body);
    }

    private static IEnumerable<Case> Uploads()
    {
        Case Upload(string name, string[] headers, byte[] body, bool halfClose = false, bool bare = false) =>
            new($"upload: {name}", "POST", "/api/files", headers, body, Who.Fresh, halfClose, bare);
        var text = B("plain text for the sweep");

        foreach (var type in new[] { "garbage", "text/plain; charset=", ";;;", "/", "text/", "multipart/form-data", "multipart/form-data; boundary=",
                     "multipart/form-data; boundary=\"", "multipart/mixed; boundary=X", "application/x-www-form-urlencoded", "text/plain; charset=nope",
                     new string('t', 9000) + "/plain", "multipart/form-data; boundary=" + new string('b', 500) })
            yield return Upload($"Content-Type '{Cut(type)}'", [$"Content-Type: {type}", "X-File-Name: a.txt"], text);
        yield return Upload("multipart boundary mismatch", ["Content-Type: multipart/form-data; boundary=X"],
            B("--Y\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nhello\r\n--Y--\r\n"));
        yield return Upload("multipart without a closing boundary", ["Content-Type: multipart/form-data; boundary=X"],
            B("--X\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nhello"));
        yield return Upload("multipart with a bad part header", ["Content-Type: multipart/form-data; boundary=X"],
            B("--X\r\nContent-Disposition form-data\r\n\r\nhello\r\n--X--\r\n"));
        yield return Upload("multipart with only fields", ["Content-Type: multipart/form-data; boundary=X"],
            B("--X\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nhello\r\n--X--\r\n"));
        yield return Upload("multipart file name with NUL", ["Content-Type: multipart/form-data; boundary=X"],
            B("--X\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\0.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--X--\r\n"));
        yield return Upload("multipart filename* not UTF-8", ["Content-Type: multipart/form-data; boundary=X"],
            B("--X\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''%FF%FE.txt\r\nContent-Type: text/plain\r\n\r\nhello\r\n--X--\r\n"));
        yield return Upload("multipart part Content-Type garbage", ["Content-Type: multipart/form-data; boundary=X"],
            B("--X\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\nContent-Type: ;;;\r\n\r\nhello\r\n--X--\r\n"));
        yield return Upload("multipart cut off", ["Content-Type: multipart/form-data; boundary=X", "Content-Length: 500"],
            B("--X\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nhel"), halfClose: true);

        yield return Upload("Content-Length longer than the body", ["Content-Type: text/plain", "X-File-Name: a.txt", "Content-Length: 100"], text, halfClose: true);
        yield return Upload("Content-Length shorter than the body", ["Content-Type: text/plain", "X-File-Name: a.txt", "Content-Length: 5"], text);
        yield return Upload("Content-Length not a number", ["Content-Type: text/plain", "X-File-Name: a.txt", "Content-Length: abc"], text, bare: true);
        yield return Upload("Content-Length negative", ["Content-Type: text/plain", "X-File-Name: a.txt", "Content-Length: -1"], text, bare: true);
        yield return Upload("Content-Length huge", ["Content-Type: text/plain", "X-File-Name: a.txt", "Content-Length: 99999999999999999999"], text, bare: true);
        yield return Upload("Content-Length over the limit", ["Content-Type: text/plain", "X-File-Name: a.txt", "Content-Length: 999999999999"], text, halfClose: true);
        yield return Upload("two Content-Lengths", ["Content-Type: text/plain", "X-File-Name: a.txt", "Content-Length: 5", "Content-Length: 6"], text, bare: true);
        yield return Upload("chunk size not hex", ["Content-Type: text/plain", "X-File-Name: a.txt", "Transfer-Encoding: chunked"], B("zz\r\nhello\r\n0\r\n\r\n"));
        yield return Upload("chunk longer than its size", ["Content-Type: text/plain", "X-File-Name: a.txt", "Transfer-Encoding: chunked"], B("5\r\nhelloXX\r\n0\r\n\r\n"));
        yield return Upload("chunk cut off", ["Content-Type: text/plain", "X-File-Name: a.txt", "Transfer-Encoding: chunked"], B("5\r\nhel"), halfClose: true);
        yield return Upload("chunk size overflowing", ["Content-Type: text/plain", "X-File-Name: a.txt", "Transfer-Encoding: chunked"], B("FFFFFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n"));
        yield return Upload("chunks without the last", ["Content-Type: text/plain", "X-File-Name: a.txt", "Transfer-Encoding: chunked"], B("5\r\nhello\r\n"), halfClose: true);
        yield return Upload("chunked and a length", ["Content-Type: text/plain", "X-File-Name: a.txt", "Transfer-Encoding: chunked", "Content-Length: 3"], B("5\r\nhello\r\n0\r\n\r\n"), bare: true);
        yield return Upload("unknown transfer coding", ["Content-Type: text/plain", "X-File-Name: a.txt", "Transfer-Encoding: gzip"], text, bare: true);
        yield return Upload("Expect 100-continue", ["Content-Type: text/plain", "X-File-Name: expect.txt", "Expect: 100-continue"], B("expected text"));
        yield return Upload("Expect something else", ["Content-Type: text/plain", "X-File-Name: a.txt", "Expect: 999-nope"], text);
        yield return Upload("gzip-declared garbage", ["Content-Type: text/plain", "X-File-Name: a.txt", "Content-Encoding: gzip"], B("not gzip at all"));
        yield return Upload("empty body", ["Content-Type: text/plain", "X-File-Name: empty.txt"], None);
        yield return Upload("no Content-Type", ["X-File-Name: a.txt"], text);

        foreach (var name in new[] { "a%0D%0Ab.txt", "a%00b.txt", "%ZZ.txt", "UTF-8''%FF.txt", "UTF-8''a.txt", "%FF%FE.txt", "..%2F..%2Fetc%2Fpasswd",
                     "%2E%2E", "", " ", new string('n', 20000), "%C0%AE%C0%AE", "a\u00e9.txt", "CON", "a/b.txt", "%E2%80%AE.txt", "%", "%%" })
            yield return Upload($"X-File-Name '{Cut(name)}'", ["Content-Type: text/plain", $"X-File-Name: {name}"], text);
        yield return Upload("X-File-Name raw Latin-1 byte", ["Content-Type: text/plain", "X-File-Name: \u00ff\u00fe.txt"], text);
        yield return Upload("X-File-Name raw CR", ["Content-Type: text/plain", "X-File-Name: a\rb.txt"], text, bare: true);
        yield return Upload("X-File-Name raw NUL", ["Content-Type: text/plain", "X-File-Name: a\0b.txt"], text, bare: true);
        yield return Upload("two X-File-Names", ["Content-Type: text/plain", "X-File-Name: a.txt", "X-File-Name: b.txt"], text);
        yield return Upload("X-File-Name folded", ["Content-Type: text/plain", "X-File-Name: a.txt", " b.txt"], text, bare: true);
    }

    private static IEnumerable<Case> GraphQLPosts()
    {
        Case Post(string name, string[] headers, byte[] body, bool halfClose = false) =>
            new($"graphql: {name}", "POST", "/graphql", headers, body, Who.Fresh, halfClose);
        var query = B("""{"query":"{ __typename }"}""");
        foreach (var type in new[] { "garbage", "text/plain", "application/json; charset=latin1", "application/json; charset=nope", ";;;",
                     "multipart/form-data", "multipart/form-data; boundary=", "application/graphql", "application/x-www-form-urlencoded" })
            yield return Post($"Content-Type '{type}'", [$"Content-Type: {type}", "GraphQL-Require-Preflight: 1"], query);
        yield return Post("no Content-Type", [], query);
        yield return Post("empty body", ["Content-Type: application/json"], None);
        yield return Post("JSON cut off", ["Content-Type: application/json", "Content-Length: 200"], B("""{"query":"{ __ty"""), halfClose: true);
        yield return Post("JSON longer than declared", ["Content-Type: application/json", "Content-Length: 5"], query);
        yield return Post("gzip-declared garbage", ["Content-Type: application/json", "Content-Encoding: gzip"], B("not gzip"));
        yield return Post("bad chunks", ["Content-Type: application/json", "Transfer-Encoding: chunked"], B("zz\r\n{}\r\n0\r\n\r\n"));
        yield return Post("JSON not an object", ["Content-Type: application/json"], B("[1,2"));
        yield return Post("JSON a string", ["Content-Type: application/json"], B("\"x\""));
        yield return Post("JSON invalid UTF-8", ["Content-Type: application/json"], [.. B("{\"query\":\"{ __typename } #"), 0xFF, 0xFE, .. B("\"}")]);
        yield return Post("variables not an object", ["Content-Type: application/json"], B("""{"query":"{ __typename }","variables":[1]}"""));
        yield return Post("empty batch", ["Content-Type: application/json"], B("[]"));
        yield return Post("batch of nulls", ["Content-Type: application/json"], B("[null,1]"));
        yield return Post("multipart boundary mismatch", ["Content-Type: multipart/form-data; boundary=X", "GraphQL-Require-Preflight: 1"],
            B("--Y\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--Y--\r\n"));
        yield return Post("multipart without preflight", ["Content-Type: multipart/form-data; boundary=X"],
            B("--X\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{}\r\n--X--\r\n"));
        yield return Post("multipart cut off", ["Content-Type: multipart/form-data; boundary=X", "GraphQL-Require-Preflight: 1", "Content-Length: 400"],
            B("--X\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{\"query\":\"mutation($f: Upload!){ uploadFile(file: $f){ id } }\",\"variables\":{\"f\":null}}\r\n--X\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{\"0\":[\"variables.f\"]}\r\n--X\r\nContent-Disposition: form-data; name=\"0\"; filename=\"a.txt\"\r\n\r\nhel"), halfClose: true);
        yield return Post("Expect 100-continue", ["Content-Type: application/json", "Expect: 100-continue"], query);
    }
}
