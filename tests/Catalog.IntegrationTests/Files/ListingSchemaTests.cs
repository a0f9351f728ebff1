using Catalog.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Files;

[Collection(CatalogCollection.Name)]
public sealed class ListingSchemaTests(CatalogHost host)
{
    // The listing indexes are hand-written definitions (operator class, partial predicate): if Marten read them back
    // as different from the configuration, every start would rebuild them on a million-row table.
    [Fact]
    public async Task The_database_matches_the_configured_listing_indexes()
    {
        var store = host.Host.Services.GetRequiredService<IDocumentStore>();

        await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();
    }
}
