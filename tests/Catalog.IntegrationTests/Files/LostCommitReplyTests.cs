using System.Net;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// An upload whose commit was written but whose answer was lost (ADR 0092): the file stands, with its bytes, and the
/// client is told so. Removing the bytes on any failure left a listed file that could not be read.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class LostCommitReplyTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => host.ResetDataAsync();

    [Fact]
    public async Task A_REST_upload_whose_commit_answer_is_lost_is_created_with_its_bytes()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(40_000);
        host.CommitReplies.LoseTheReplyToUploadOf("lost.bin");

        using var response = await host.GraphQL.Http.SendAsync(
            GraphQLClient.RestUpload(user.Token, new ByteArrayContent(content), "lost.bin", "application/octet-stream"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await ShouldBeStoredOnceAsync(user, id, content);
    }

    [Fact]
    public async Task A_GraphQL_upload_whose_commit_answer_is_lost_succeeds_with_its_bytes()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(40_000);
        host.CommitReplies.LoseTheReplyToUploadOf("lost.bin");

        var id = await host.UploadFileAsync(user, "lost.bin", content);

        await ShouldBeStoredOnceAsync(user, id, content);
    }

    [Fact]
    public async Task A_completion_whose_commit_answer_is_lost_succeeds_and_clears_the_staging_object()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(40_000);
        var ticket = await host.BeginUploadAsync(user.Token, "lost.bin", content);
        await ticket.PutAsync(content);
        host.CommitReplies.LoseTheReplyToUploadOf("lost.bin");

        var id = (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile().GetProperty("id").GetGuid();

        await ShouldBeStoredOnceAsync(user, id, content);
        Assert.Empty(await host.LocalBucket.KeysUnderAsync(DirectUploadCalls.StagingKey(user, ticket.UploadId)));
        Assert.Equal(id, (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile().GetProperty("id").GetGuid());
    }

    private async Task ShouldBeStoredOnceAsync(TestUser user, Guid id, byte[] content)
    {
        Assert.Null(host.CommitReplies.ArmedName); // the reply was lost indeed
        Assert.Equal((content.LongLength, FileCalls.Sha256Of(content)), await host.LocalBucket.ReadAsync($"{user.Id}/{id}"));
        using var download = await host.GetContentAsync(user.Token, id);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Single(await host.EventsOfAsync(id), e => e is FileUploaded);
        Assert.Equal([id], await host.ListedIdsAsync(user.Token));
    }
}
