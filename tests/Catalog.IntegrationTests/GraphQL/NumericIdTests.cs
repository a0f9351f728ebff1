using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>
/// GraphQL lets a client send an ID as a number; every id here is a GUID, so a number is refused as bad input, in words
/// about the id rather than about a failed conversion between .NET types.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class NumericIdTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_number_for_an_id_is_bad_input_that_names_no_dotnet_type()
    {
        var user = await host.GraphQL.SignUpAsync();

        var literal = await host.GraphQL.SendAsync("{ file(id: 42) { id } }", token: user.Token);
        var variable = await host.GraphQL.SendAsync("query($id: ID!) { file(id: $id) { id } }", new { id = 42 }, user.Token);
        var inFilter = await host.GraphQL.SendAsync(
            "query($where: AuditFilter) { auditTrail(where: $where) { totalCount } }", new { where = new { ownerId = 42 } }, user.Token);

        foreach (var response in new[] { literal, variable, inFilter })
        {
            response.ShouldFailWith("BAD_USER_INPUT");
            Assert.DoesNotContain("System.", response.FirstErrorMessage, StringComparison.Ordinal);
            Assert.Contains("ID", response.FirstErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_guid_in_a_string_is_still_an_id()
    {
        var user = await host.GraphQL.SignUpAsync();
        var fileId = await host.UploadFileAsync(user, "kept.txt", "kept"u8.ToArray(), "text/plain");

        var response = await host.GraphQL.SendAsync($"{{ file(id: \"{fileId}\") {{ id }} }}", token: user.Token);

        Assert.Equal(fileId, response.ShouldSucceed().Data.GetProperty("file").GetProperty("id").GetGuid());
    }
}
