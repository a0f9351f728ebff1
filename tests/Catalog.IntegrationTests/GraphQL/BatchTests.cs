using System.Net.Http.Json;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.GraphQL;

[Collection(StrictLimitsCollection.Name)]
public sealed class BatchTests(StrictLimitsHost host)
{
    private const string Read = "query($id: ID!) { fileHistory(id: $id) { kind file { deleted } } }";

    [Fact]
    public async Task An_operation_after_a_mutation_in_the_same_batch_reads_what_the_mutation_wrote()
    {
        var user = await host.GraphQL.SignUpAsync();
        var id = (await host.GraphQL.UploadAsync(user.Token, "batch.txt", "batch"u8.ToArray())).ShouldSucceed()
            .Data.GetProperty("uploadFile").GetProperty("id").GetGuid();
        var batch = new object[]
        {
            new { query = Read, variables = new { id } },
            new { query = "mutation($id: ID!) { deleteFile(id: $id) { deleted } }", variables = new { id } },
            new { query = Read, variables = new { id } },
        };

        var response = await host.GraphQL.SendAsync(GraphQLClient.Request(HttpMethod.Post, user.Token, JsonContent.Create(batch)));

        Assert.False(response.Body[0].GetProperty("data").GetProperty("fileHistory")[0].GetProperty("file").GetProperty("deleted").GetBoolean());
        Assert.True(response.Body[1].GetProperty("data").GetProperty("deleteFile").GetProperty("deleted").GetBoolean());
        var after = response.Body[2].GetProperty("data").GetProperty("fileHistory");
        Assert.Equal(["FileUploaded", "FileDeleted"], after.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.All(after.EnumerateArray(), e => Assert.True(e.GetProperty("file").GetProperty("deleted").GetBoolean()));
    }
}
