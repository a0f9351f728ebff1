using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.GraphQL;

/// <summary>
/// A mutation field that fails answers null with its error and leaves its siblings' answers alone: a file stored by
/// one field of a request is not lost to the client because another field of it was refused (ADR 0108).
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class MutationSiblingTests(CatalogHost host)
{
    [Fact]
    public async Task A_refused_field_does_not_take_the_stored_files_id_with_it()
    {
        var user = await host.GraphQL.SignUpAsync();
        var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(new
            {
                query = "mutation($file: Upload!, $gone: ID!) { stored: uploadFile(file: $file) { id name } gone: deleteFile(id: $gone) { id } }",
                variables = new { file = (object?)null, gone = Guid.NewGuid() },
            })), "operations" },
            { new StringContent("""{"0":["variables.file"]}"""), "map" },
            { new ByteArrayContent("kept"u8.ToArray()), "0", "kept.txt" },
        };
        var request = GraphQLClient.Request(HttpMethod.Post, user.Token, form);
        request.Headers.Add("GraphQL-Require-Preflight", "1");

        var response = await host.GraphQL.SendAsync(request);

        Assert.Equal(["NOT_FOUND"], response.ErrorCodes);
        Assert.Equal("gone", response.Body.GetProperty("errors")[0].GetProperty("path")[0].GetString());
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("gone").ValueKind);
        var stored = response.Data.GetProperty("stored").GetProperty("id").GetGuid();
        var listed = (await host.FileAsync(user.Token, stored)).ShouldSucceed().Data.GetProperty("file");
        Assert.Equal("kept.txt", listed.GetProperty("name").GetString());
    }

    [Fact]
    public void Every_mutation_field_is_nullable()
    {
        var schema = host.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();

        Assert.NotEmpty(schema.Mutation!.Fields);
        Assert.All(schema.Mutation.Fields, field => Assert.False(field.ResolvedType is NonNullGraphType,
            $"{field.Name} is non-null: its error would null every sibling field's answer"));
    }
}
