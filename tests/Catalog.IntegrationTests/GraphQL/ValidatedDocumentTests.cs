using Catalog.Api.GraphQL.Transport;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.GraphQL;

[Collection(CatalogCollection.Name)]
public sealed class ValidatedDocumentTests(CatalogHost host)
{
    private ValidatedDocuments Documents => host.Host.Services.GetRequiredService<ValidatedDocuments>();

    [Fact]
    public async Task A_document_that_passed_validation_is_kept_and_answers_the_same_the_second_time()
    {
        var user = await host.GraphQL.SignUpAsync();
        var query = $"query Kept{Guid.NewGuid():N} {{ me {{ id email }} }}";

        var before = Documents.Count;
        var first = (await host.GraphQL.SendAsync(query, token: user.Token)).ShouldSucceed();
        var kept = Documents.Count;
        var second = (await host.GraphQL.SendAsync(query, token: user.Token)).ShouldSucceed();

        Assert.Equal(before >= ValidatedDocuments.MaxEntries ? 1 : before + 1, kept); // a full cache starts again
        Assert.Equal(kept, Documents.Count);
        Assert.Equal(first.Data.GetRawText(), second.Data.GetRawText());
        Assert.Equal(user.Id, second.Data.GetProperty("me").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_document_that_failed_validation_is_refused_every_time()
    {
        var user = await host.GraphQL.SignUpAsync();
        var query = $"query Broken{Guid.NewGuid():N} {{ me {{ noSuchField }} }}";

        var first = await host.GraphQL.SendAsync(query, token: user.Token);
        var second = await host.GraphQL.SendAsync(query, token: user.Token);

        RefusedAlike(first, second);
    }

    [Fact]
    public async Task A_kept_document_still_checks_the_variables_of_each_request()
    {
        var user = await host.GraphQL.SignUpAsync();
        var query = $"query Paged{Guid.NewGuid():N}($first: Int) {{ files(first: $first) {{ edges {{ cursor }} }} }}";

        var uncached = await host.GraphQL.SendAsync(query, new { first = "ten" }, user.Token);
        (await host.GraphQL.SendAsync(query, new { first = 1 }, user.Token)).ShouldSucceed();
        var cached = await host.GraphQL.SendAsync(query, new { first = "ten" }, user.Token);

        RefusedAlike(uncached, cached);
    }

    [Fact]
    public async Task A_kept_document_is_still_authorized_per_request()
    {
        var user = await host.GraphQL.SignUpAsync();
        var query = $"query Mine{Guid.NewGuid():N} {{ me {{ id }} }}";

        (await host.GraphQL.SendAsync(query, token: user.Token)).ShouldSucceed();
        var anonymous = await host.GraphQL.SendAsync(query);

        anonymous.ShouldFailWith("UNAUTHENTICATED");
    }

    private static void RefusedAlike(GraphQLResponse first, GraphQLResponse again)
    {
        Assert.NotEmpty(first.ErrorCodes);
        Assert.Equal(first.ErrorCodes, again.ErrorCodes);
        Assert.Equal(first.FirstErrorMessage, again.FirstErrorMessage);
    }
}
