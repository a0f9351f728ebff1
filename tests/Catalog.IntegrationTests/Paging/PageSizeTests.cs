using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Paging;

[Collection(CatalogCollection.Name)]
public sealed class PageSizeTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("files", null, "pageInfo { hasNextPage }", 100)]
    [InlineData("deletedFiles", null, "pageInfo { hasNextPage }", 100)]
    [InlineData("syncRuns", CatalogHost.AdminEmail, "pageInfo { hasNextPage }", 100)]
    [InlineData("syncFailures", CatalogHost.AdminEmail, "fileId", 100)]
    [InlineData("auditTrail", CatalogHost.AuditorEmail, "pageInfo { hasNextPage }", 500)]
    public async Task Every_paged_field_takes_from_none_to_its_largest_page_and_refuses_the_rest(
        string field, string? email, string selection, int largest)
    {
        var user = await host.GraphQL.SignUpAsync(email);
        var query = $"query($first: Int) {{ {field}(first: $first) {{ {selection} }} }}";

        foreach (var first in new[] { 0, largest })
            (await host.GraphQL.SendAsync(query, new { first }, user.Token)).ShouldSucceed();
        foreach (var first in new[] { -1, largest + 1 })
        {
            var refused = await host.GraphQL.SendAsync(query, new { first }, user.Token);
            refused.ShouldFailWith("BAD_USER_INPUT");
            Assert.Equal($"'first' must be between 0 and {largest}.", refused.FirstErrorMessage);
        }
    }
}
