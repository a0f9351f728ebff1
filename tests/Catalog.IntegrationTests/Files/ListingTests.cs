using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Files;

[Collection(CatalogCollection.Name)]
public sealed class ListingTests(CatalogHost host) : IAsyncLifetime
{
    private const string Files = """
        query($first: Int, $after: String, $where: FileFilter, $order: FileOrder) {
          files(first: $first, after: $after, where: $where, order: $order) {
            totalCount
            edges { cursor node { id name size tier } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }
        """;

    private TestUser owner = null!;

    public async Task InitializeAsync()
    {
        await host.ResetDataAsync();
        owner = await host.GraphQL.SignUpAsync();
        foreach (var (name, size) in new[] { ("b-report.pdf", 30), ("a-photo.jpg", 10), ("C-Notes.txt", 50), ("d-report-final.pdf", 20), ("e.bin", 40) })
            (await host.GraphQL.UploadAsync(owner.Token, name, new byte[size])).ShouldSucceed();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Pages_cover_every_file_once_in_order()
    {
        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 3; page++)
        {
            var files = await ListAsync(new { first = 2, after, order = new { field = "NAME", direction = "ASC" } });
            Assert.Equal(5, files.GetProperty("totalCount").GetInt32());
            seen.AddRange(Names(files));
            var pageInfo = files.GetProperty("pageInfo");
            Assert.Equal(page < 2, pageInfo.GetProperty("hasNextPage").GetBoolean());
            Assert.Equal(page > 0, pageInfo.GetProperty("hasPreviousPage").GetBoolean());
            after = pageInfo.GetProperty("endCursor").GetString();
        }

        Assert.Equal(["C-Notes.txt", "a-photo.jpg", "b-report.pdf", "d-report-final.pdf", "e.bin"], seen);
    }

    [Fact]
    public async Task Newest_first_is_the_default_order()
    {
        var files = await ListAsync(new { });

        Assert.Equal(["e.bin", "d-report-final.pdf", "C-Notes.txt", "a-photo.jpg", "b-report.pdf"], Names(files));
    }

    [Theory]
    [InlineData("SIZE", "ASC", new[] { "a-photo.jpg", "d-report-final.pdf", "b-report.pdf", "e.bin", "C-Notes.txt" })]
    [InlineData("SIZE", "DESC", new[] { "C-Notes.txt", "e.bin", "b-report.pdf", "d-report-final.pdf", "a-photo.jpg" })]
    [InlineData("UPLOADED_AT", "ASC", new[] { "b-report.pdf", "a-photo.jpg", "C-Notes.txt", "d-report-final.pdf", "e.bin" })]
    public async Task Files_sort_by_each_key(string field, string direction, string[] expected)
    {
        var files = await ListAsync(new { order = new { field, direction } });

        Assert.Equal(expected, Names(files));
    }

    [Fact]
    public async Task Name_filter_ignores_case()
    {
        var files = await ListAsync(new { where = new { nameContains = "REPORT" }, order = new { field = "NAME", direction = "ASC" } });

        Assert.Equal(["b-report.pdf", "d-report-final.pdf"], Names(files));
        Assert.Equal(2, files.GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("äpfel")]
    [InlineData("ÄPFEL")]
    [InlineData("ÜBER")]
    [InlineData("a\u0308pfel")] // decomposed, as macOS names files: names are kept composed (NFC)
    public async Task Name_filter_ignores_case_beyond_ascii_too(string fragment)
    {
        (await host.GraphQL.UploadAsync(owner.Token, "Äpfel über alles.txt", new byte[5])).ShouldSucceed();

        var files = await ListAsync(new { where = new { nameContains = fragment } });

        Assert.Equal(["Äpfel über alles.txt"], Names(files));
    }

    [Fact]
    public async Task Tier_filter_selects_by_tier()
    {
        Assert.Equal(5, (await ListAsync(new { where = new { tier = "LOCAL" } })).GetProperty("totalCount").GetInt32());
        Assert.Equal(0, (await ListAsync(new { where = new { tier = "LOCAL_AND_CLOUD" } })).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Another_user_sees_none_of_them()
    {
        var stranger = await host.GraphQL.SignUpAsync();
        var someFileId = Names(await ListAsync(new { }), "id").First();

        var theirs = (await host.GraphQL.SendAsync(Files, new { }, stranger.Token)).ShouldSucceed();
        var single = (await host.GraphQL.SendAsync("query($id: ID!) { file(id: $id) { id } }", new { id = someFileId }, stranger.Token)).ShouldSucceed();
        var mine = (await host.GraphQL.SendAsync("query($id: ID!) { file(id: $id) { id } }", new { id = someFileId }, owner.Token)).ShouldSucceed();

        Assert.Equal(0, theirs.Data.GetProperty("files").GetProperty("totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, single.Data.GetProperty("file").ValueKind);
        Assert.Equal(someFileId, mine.Data.GetProperty("file").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_unknown_id_is_null_like_someone_elses()
    {
        var response = (await host.GraphQL.SendAsync("query($id: ID!) { file(id: $id) { id } }", new { id = Guid.CreateVersion7() }, owner.Token)).ShouldSucceed();

        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("file").ValueKind);
    }

    [Theory]
    [InlineData(-1, null)]
    [InlineData(101, null)]
    [InlineData(10, "not-a-cursor")]
    [InlineData(10, "b2Zmc2V0Oi0x")] // offset:-1
    [InlineData(10, "b2Zmc2V0OjE")] // offset:1, as issued before keyset cursors
    [InlineData(10, "ZmlsZXM6VXBsb2FkZWRBdC1EZXNjOnh5ejox")] // files:UploadedAt-Desc:xyz:1
    [InlineData(10, "ZmlsZXM6TmFtZS1Bc2M6MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA6YQA")] // files:Name-Asc:<id>:a\0, a name no file has, which Postgres refuses
    public async Task Bad_paging_arguments_are_bad_input(int first, string? after)
    {
        var response = await host.GraphQL.SendAsync(Files, new { first, after, order = new { field = "NAME", direction = "ASC" } }, owner.Token);

        response.ShouldFailWith("BAD_USER_INPUT");
    }

    [Fact]
    public async Task A_cursor_of_another_order_is_bad_input()
    {
        var byName = await ListAsync(new { first = 2, order = new { field = "NAME", direction = "ASC" } });
        var cursor = byName.GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var response = await host.GraphQL.SendAsync(Files, new { first = 2, after = cursor, order = new { field = "SIZE", direction = "ASC" } }, owner.Token);

        response.ShouldFailWith("BAD_USER_INPUT");
    }

    [Fact]
    public async Task Anonymous_listing_is_unauthenticated()
    {
        var response = await host.GraphQL.SendAsync(Files);

        response.ShouldFailWith("UNAUTHENTICATED");
    }

    private async Task<JsonElement> ListAsync(object variables) =>
        (await host.GraphQL.SendAsync(Files, variables, owner.Token)).ShouldSucceed().Data.GetProperty("files");

    private static List<string> Names(JsonElement files, string field = "name") =>
        files.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty(field).GetString()!).ToList();
}
