using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Files;

/// <summary>Keyset cursors (ADR 0014): pages follow positions in the order, not offsets.</summary>
[Collection(CatalogCollection.Name)]
public sealed class ListingCursorTests(CatalogHost host) : IAsyncLifetime
{
    private const string Files = """
        query($first: Int, $after: String, $where: FileFilter, $order: FileOrder) {
          files(first: $first, after: $after, where: $where, order: $order) {
            edges { node { id name size } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private TestUser owner = null!;

    public async Task InitializeAsync()
    {
        await host.ResetDataAsync();
        owner = await host.GraphQL.SignUpAsync();
        // Files share sizes, so the id has to break ties; one upload is left under the test quota of six files.
        foreach (var (name, size) in new[] { ("r-1.txt", 20), ("x-2.txt", 10), ("r-3.txt", 20), ("r-4.txt", 10), ("r-5.txt", 20) })
            (await host.GraphQL.UploadAsync(owner.Token, name, new byte[size])).ShouldSucceed();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("SIZE", "DESC")]
    [InlineData("SIZE", "ASC")]
    [InlineData("NAME", "DESC")]
    [InlineData("UPLOADED_AT", "ASC")]
    public async Task Paging_a_filtered_order_sees_every_match_once(string field, string direction)
    {
        var order = new { field, direction };
        var all = Nodes(await ListAsync(new { first = 100, where = new { nameContains = "R-" }, order }));

        var paged = new List<JsonElement>();
        string? after = null;
        bool more;
        do
        {
            var files = await ListAsync(new { first = 2, after, where = new { nameContains = "R-" }, order });
            paged.AddRange(Nodes(files));
            more = files.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean();
            after = files.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
        while (more);

        // One page of everything is the order itself; small pages must follow it exactly, ties included.
        Assert.Equal(4, all.Count);
        Assert.Equal(all.Select(Id), paged.Select(Id));
    }

    [Fact]
    public async Task A_file_added_before_the_cursor_does_not_shift_the_next_page()
    {
        var order = new { field = "NAME", direction = "ASC" };
        var first = await ListAsync(new { first = 2, order });
        (await host.GraphQL.UploadAsync(owner.Token, "a-0.txt", new byte[5])).ShouldSucceed();

        var next = await ListAsync(new { first = 2, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString(), order });

        Assert.Equal(["r-1.txt", "r-3.txt"], Nodes(first).Select(Name));
        Assert.Equal(["r-4.txt", "r-5.txt"], Nodes(next).Select(Name));
    }

    [Fact]
    public async Task The_cursor_of_a_deleted_file_still_marks_a_position()
    {
        var order = new { field = "SIZE", direction = "ASC" };
        var first = Nodes(await ListAsync(new { first = 2, order }));
        var cursorFile = Id(first[1]);
        var afterCursor = (await ListAsync(new { first = 2, order })).GetProperty("pageInfo").GetProperty("endCursor").GetString();
        (await host.GraphQL.SendAsync("mutation($id: ID!) { deleteFile(id: $id) { id } }", new { id = cursorFile }, owner.Token)).ShouldSucceed();

        var next = Nodes(await ListAsync(new { first = 100, after = afterCursor, order }));

        Assert.Equal(3, next.Count);
        Assert.DoesNotContain(cursorFile, next.Select(Id));
        Assert.DoesNotContain(Id(first[0]), next.Select(Id));
    }

    [Fact]
    public async Task The_total_is_counted_under_an_alias_or_a_fragment()
    {
        const string query = """
            query { files(first: 1, where: {nameContains: "r-"}) { ...Total n: totalCount } }
            fragment Total on FileConnection { totalCount }
            """;

        var files = (await host.GraphQL.SendAsync(query, new { }, owner.Token)).ShouldSucceed().Data.GetProperty("files");

        Assert.Equal(4, files.GetProperty("totalCount").GetInt32());
        Assert.Equal(4, files.GetProperty("n").GetInt32());
    }

    private async Task<JsonElement> ListAsync(object variables) =>
        (await host.GraphQL.SendAsync(Files, variables, owner.Token)).ShouldSucceed().Data.GetProperty("files");

    private static List<JsonElement> Nodes(JsonElement files) =>
        files.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();

    private static string Id(JsonElement node) => node.GetProperty("id").GetString()!;

    private static string Name(JsonElement node) => node.GetProperty("name").GetString()!;
}
