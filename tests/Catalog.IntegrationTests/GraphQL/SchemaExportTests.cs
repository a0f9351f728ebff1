using Catalog.IntegrationTests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>docs/schema.graphql is the schema as clients see it; this fails when the code and the file drift apart.</summary>
[Collection(CatalogCollection.Name)]
public sealed class SchemaExportTests(CatalogHost host)
{
    private const string File = "docs/schema.graphql";
    private const string UpdateVariable = "UPDATE_SCHEMA";

    [Fact]
    public async Task The_exported_schema_matches_the_code()
    {
        var schema = host.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var printed = schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true })
            .ReplaceLineEndings("\n").TrimEnd() + "\n";
        var path = Path.Combine(RepositoryRoot.Path, File);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            await System.IO.File.WriteAllTextAsync(path, printed);

        var exported = System.IO.File.Exists(path) ? (await System.IO.File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        Assert.True(exported == printed,
            $"{File} is out of date. Regenerate it with: {UpdateVariable}=1 scripts/test.sh --filter \"FullyQualifiedName~SchemaExportTests\"");
    }
}
