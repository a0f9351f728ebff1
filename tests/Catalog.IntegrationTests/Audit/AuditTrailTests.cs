using System.Net;
using System.Security.Claims;
using Catalog.Api.Audit;
using Catalog.Api.Auth;
using Catalog.Domain.Users;
using System.Net.Http.Headers;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Audit;

[Collection(CatalogCollection.Name)]
public sealed class AuditTrailTests(CatalogHost host) : IAsyncLifetime
{
    private const string Trail = """
        query($where: AuditFilter, $first: Int, $after: String) {
          auditTrail(where: $where, first: $first, after: $after) {
            totalCount
            edges { cursor node { id sequence fileId ownerId actorId kind tier clientIp data } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private TestUser alice = null!;
    private TestUser bob = null!;
    private TestUser auditor = null!;
    private Guid aliceFile;

    public async Task InitializeAsync()
    {
        await host.ResetDataAsync();
        alice = await host.GraphQL.SignUpAsync();
        bob = await host.GraphQL.SignUpAsync();
        auditor = await host.GraphQL.SignUpAsync(CatalogHost.AuditorEmail);
        aliceFile = await UploadAsync(alice, "a.txt");
        var bobFile = await UploadAsync(bob, "b.txt");
        await host.AccessAsync(aliceFile, bob.Id);
        await host.AccessAsync(bobFile, bob.Id);
        await host.DeleteAsync(aliceFile, alice.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_auditor_pages_through_everyones_trail_in_order()
    {
        var first = await TrailAsync(auditor, new { first = 3 });
        var second = await TrailAsync(auditor, new { first = 3, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() });

        Assert.Equal(5, first.GetProperty("totalCount").GetInt32());
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(second.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var kinds = Nodes(first).Concat(Nodes(second)).Select(n => n.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["FileUploaded", "FileUploaded", "FileAccessed", "FileAccessed", "FileDeleted"], kinds);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_trail_is_counted_only_when_the_total_is_asked_for(bool countTotal)
    {
        var sql = new SqlRecorder();
        await using var session = host.OpenSession();
        session.Logger = sql;
        var asAuditor = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(CatalogClaims.Subject, auditor.Id.ToString()), new Claim(ClaimTypes.Role, Roles.Auditor)], "test"));

        var page = await AuditTrailQuery.PageAsync(session, null, 3, null, countTotal, asAuditor, CancellationToken.None);

        Assert.Equal(3, page.Edges.Count);
        Assert.True(page.PageInfo.HasNextPage);
        var counts = sql.Commands.Count(c => c.Contains("count(*)", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(countTotal ? 1 : 0, counts);
        Assert.Equal(countTotal ? 5 : 0, page.TotalCount);
    }

    [Fact]
    public async Task Filters_select_by_actor_kind_file_and_owner()
    {
        var byBob = Nodes(await TrailAsync(auditor, new { where = new { actorId = bob.Id } }));
        var deletes = Nodes(await TrailAsync(auditor, new { where = new { kinds = new[] { "FileDeleted" } } }));
        var onAlicesFile = Nodes(await TrailAsync(auditor, new { where = new { fileId = aliceFile } }));
        var alicesOwn = Nodes(await TrailAsync(auditor, new { where = new { ownerId = alice.Id, kinds = new[] { "FileAccessed" } } }));

        Assert.Equal(3, byBob.Count);
        Assert.Single(deletes);
        Assert.Equal(3, onAlicesFile.Count);
        var access = Assert.Single(alicesOwn);
        Assert.Equal(bob.Id, access.GetProperty("actorId").GetGuid());
        Assert.Equal("203.0.113.9", access.GetProperty("clientIp").GetString());
        Assert.Contains("\"accessedBy\"", access.GetProperty("data").GetString(), StringComparison.Ordinal);
        // A field added later and unset (a streamed read has no URL) is left out, as in entries written before it
        // existed: a rebuild of older entries gives the same rows.
        Assert.DoesNotContain("urlExpiresAt", access.GetProperty("data").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_time_window_is_from_inclusive_to_exclusive()
    {
        var all = Nodes(await TrailAsync(auditor, new { }));
        var firstAt = (await host.GraphQL.SendAsync("query($id: ID!) { fileHistory(id: $id) { at } }", new { id = aliceFile }, auditor.Token))
            .ShouldSucceed().Data.GetProperty("fileHistory")[0].GetProperty("at").GetDateTimeOffset();

        var fromFirst = Nodes(await TrailAsync(auditor, new { where = new { from = firstAt } }));
        var beforeFirst = Nodes(await TrailAsync(auditor, new { where = new { to = firstAt } }));

        Assert.Equal(all.Count, fromFirst.Count);
        Assert.Empty(beforeFirst);
    }

    [Fact]
    public async Task A_window_given_with_another_offset_selects_the_same_entries_over_GraphQL_and_the_export()
    {
        var all = Nodes(await TrailAsync(auditor, new { }));
        var accessedAt = (await host.GraphQL.SendAsync("query($id: ID!) { fileHistory(id: $id) { at } }", new { id = aliceFile }, auditor.Token))
            .ShouldSucceed().Data.GetProperty("fileHistory")[1].GetProperty("at").GetDateTimeOffset();
        var inParis = accessedAt.ToOffset(TimeSpan.FromHours(1));
        var inNewYork = accessedAt.ToOffset(TimeSpan.FromHours(-5));

        var fromUtc = Nodes(await TrailAsync(auditor, new { where = new { from = accessedAt } })).Count;
        var toUtc = Nodes(await TrailAsync(auditor, new { where = new { to = accessedAt } })).Count;

        Assert.True(fromUtc > 0 && toUtc > 0 && fromUtc + toUtc == all.Count, $"the instant splits the trail: {fromUtc} + {toUtc}");
        Assert.Equal(fromUtc, Nodes(await TrailAsync(auditor, new { where = new { from = inParis } })).Count);
        Assert.Equal(toUtc, Nodes(await TrailAsync(auditor, new { where = new { to = inNewYork } })).Count);
        Assert.Equal(fromUtc, (await ExportAsync(auditor, "?from=" + Uri.EscapeDataString(inParis.ToString("O")))).Count);
        Assert.Equal(toUtc, (await ExportAsync(auditor, "?to=" + Uri.EscapeDataString(inNewYork.ToString("O")))).Count);
    }

    [Fact]
    public async Task An_unknown_kind_is_refused_with_the_kinds_there_are_by_the_trail_and_the_export()
    {
        var trail = await host.GraphQL.SendAsync(Trail, new { where = new { kinds = new[] { "FileDeleted", "FileUplaoded" } } }, auditor.Token);
        using var request = GraphQLClient.Request(HttpMethod.Get, auditor.Token, url: "/api/audit/export?kinds=FileAccessed,Nope");
        using var export = await host.GraphQL.Http.SendAsync(request);

        trail.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("'FileUplaoded' is not an event kind", trail.FirstErrorMessage, StringComparison.Ordinal);
        Assert.Contains("FileSyncedToCloud", trail.FirstErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Equal("application/problem+json", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'Nope' is not an event kind", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_reads_only_their_own_files_trail()
    {
        var bobsView = Nodes(await TrailAsync(bob, new { }));
        var bobAskingForAlice = Nodes(await TrailAsync(bob, new { where = new { ownerId = alice.Id } }));

        Assert.All(bobsView, n => Assert.Equal(bob.Id, n.GetProperty("ownerId").GetGuid()));
        Assert.Equal(2, bobsView.Count);
        Assert.Empty(bobAskingForAlice);
    }

    [Fact]
    public async Task The_export_streams_json_lines_with_the_same_rules()
    {
        var everything = await ExportAsync(auditor, "");
        var bobsOwn = await ExportAsync(bob, "");
        var filtered = await ExportAsync(auditor, $"?kinds=FileAccessed&ownerId={alice.Id}");

        Assert.Equal(5, everything.Count);
        Assert.Equal(everything.Select(e => e.GetProperty("sequence").GetInt64()).Order(), everything.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(2, bobsOwn.Count); // his upload and his access of it; his access of Alice's file is hers
        Assert.All(bobsOwn, e => Assert.Equal(bob.Id, e.GetProperty("ownerId").GetGuid()));
        Assert.Equal("FileAccessed", Assert.Single(filtered).GetProperty("kind").GetString());
        Assert.All(everything.Where(e => e.GetProperty("kind").GetString() == "FileUploaded"),
            e => Assert.Equal("LOCAL", e.GetProperty("tier").GetString()));
    }

    [Fact]
    public async Task An_anonymous_export_is_a_401_problem()
    {
        using var response = await host.GraphQL.Http.GetAsync("/api/audit/export");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("UNAUTHENTICATED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_bad_export_filter_is_a_400_problem()
    {
        using var request = GraphQLClient.Request(HttpMethod.Get, auditor.Token, url: "/api/audit/export?ownerId=not-a-guid");
        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=9999-12-31T23:59:59-14:00", "to")]
    [InlineData("fileId=zz", "fileId")]
    [InlineData("kinds=File%00Uploaded", "NUL")]
    [InlineData("kinds=", "kinds")]
    [InlineData("kinds=FileUploaded,", "'kinds' has an empty entry")]
    [InlineData("kind=FileDeleted", "'kind' is not a parameter")] // a typo, which exported every kind
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "Did you swap them?")]
    [InlineData("from=2026-01-01T00:00:00Z&from=2026-02-01T00:00:00Z", "'from' is given 2 times")]
    [InlineData("from=2026-11-30", "from")] // a date alone
    [InlineData("from=11%2F30%2F2026", "from")] // a culture's date
    [InlineData("to=2026-11-30T04:29:50", "to")] // no offset: the server's time zone would decide
    public async Task An_export_filter_that_cannot_be_read_is_a_400_problem_that_says_which(string query, string named)
    {
        using var request = GraphQLClient.Request(HttpMethod.Get, auditor.Token, url: "/api/audit/export?" + query);
        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("BAD_USER_INPUT", problem.RootElement.GetProperty("code").GetString());
        var title = problem.RootElement.GetProperty("title").GetString();
        Assert.Contains(named, title, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", title, StringComparison.Ordinal); // no framework parameter types
    }

    [Fact]
    public async Task An_export_bound_past_the_range_of_moments_says_so()
    {
        using var request = GraphQLClient.Request(HttpMethod.Get, auditor.Token, url: "/api/audit/export?from=0001-01-01T00:00:00%2B14:00");
        using var response = await host.GraphQL.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("'from': '0001-01-01T00:00:00+14:00' is out of range", problem.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swapped_bounds_are_bad_input_rather_than_an_empty_trail()
    {
        // 10:00 at +05:00 is 05:00 UTC, before 06:00 UTC: bounds compare as instants, whatever their offsets.
        (await host.GraphQL.SendAsync("{ auditTrail(where: { from: \"2026-01-01T10:00:00+05:00\", to: \"2026-01-01T06:00:00Z\" }) { totalCount } }",
            token: auditor.Token)).ShouldSucceed();
        var swapped = await host.GraphQL.SendAsync(
            "{ auditTrail(where: { from: \"2026-01-01T06:00:00Z\", to: \"2026-01-01T10:00:00+05:00\" }) { totalCount } }", token: auditor.Token);

        swapped.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("is after 'to'", swapped.FirstErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_list_of_kinds_is_bad_input_rather_than_every_kind()
    {
        (await host.GraphQL.SendAsync("{ auditTrail(where: { kinds: [] }) { edges { node { kind } } } }", token: auditor.Token))
            .ShouldFailWith("BAD_USER_INPUT");
    }

    [Fact]
    public async Task Rebuilding_is_for_admins_only_and_names_must_be_known()
    {
        var admin = await host.GraphQL.SignUpAsync(CatalogHost.AdminEmail);
        const string rebuild = "mutation($name: String!) { rebuildProjection(name: $name) { name finishedAt } }";

        (await host.GraphQL.SendAsync(rebuild, new { name = "AuditTrail" }, auditor.Token)).ShouldFailWith("FORBIDDEN");
        (await host.GraphQL.SendAsync(rebuild, new { name = "Nope" }, admin.Token)).ShouldFailWith("BAD_USER_INPUT");
        var done = (await host.GraphQL.SendAsync(rebuild, new { name = "auditTrail" }, admin.Token)).ShouldSucceed();
        var listing = (await host.GraphQL.SendAsync(rebuild, new { name = "FileListing" }, admin.Token)).ShouldSucceed();

        Assert.Equal("AuditTrail", done.Data.GetProperty("rebuildProjection").GetProperty("name").GetString());
        Assert.Equal("FileListing", listing.Data.GetProperty("rebuildProjection").GetProperty("name").GetString());
        Assert.Equal(5, (await TrailAsync(auditor, new { })).GetProperty("totalCount").GetInt32());
    }

    private async Task<Guid> UploadAsync(TestUser user, string name) =>
        (await host.GraphQL.UploadAsync(user.Token, name, "x"u8.ToArray())).ShouldSucceed().Data.GetProperty("uploadFile").GetProperty("id").GetGuid();

    private async Task<JsonElement> TrailAsync(TestUser user, object variables) =>
        (await host.GraphQL.SendAsync(Trail, variables, user.Token)).ShouldSucceed().Data.GetProperty("auditTrail");

    private static List<JsonElement> Nodes(JsonElement trail) =>
        trail.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();

    private async Task<List<JsonElement>> ExportAsync(TestUser user, string query)
    {
        using var request = GraphQLClient.Request(HttpMethod.Get, user.Token, url: "/api/audit/export" + query);
        using var response = await host.GraphQL.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentLength);

        var lines = new List<JsonElement>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
            lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        return lines;
    }
}
