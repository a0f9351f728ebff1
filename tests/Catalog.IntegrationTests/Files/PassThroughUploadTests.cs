using System.Net;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// A raw REST body of known length goes straight through to the store, hashed on the way (ADR 0074): the store's PUT
/// starts before the client has finished, and every way it can go wrong still leaves no object and no event.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class PassThroughUploadTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_store_receives_the_file_while_the_client_is_still_sending_it()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(600_000);
        var body = new HeldBackContent(content, sendFirst: 300_000);
        host.LocalProxy.ResetCounters();

        var upload = PostAsync(user.Token, body);
        var putStarted = await Eventually.HoldsAsync(() => host.LocalProxy.RequestLines.Any(line => line.StartsWith("PUT ", StringComparison.Ordinal)));
        body.SendTheRest();
        using var response = await upload;

        Assert.True(putStarted, "the PUT to the store did not start while half of the file was still to come");
        var created = await CreatedAsync(response);
        Assert.Equal(Sha256Of(content), created.GetProperty("sha256").GetString());
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync($"{user.Id}/{id}"));
        var uploaded = Assert.IsType<FileUploaded>((await host.EventsOfAsync(id))[0]);
        Assert.Equal((content.LongLength, Sha256Of(content)), (uploaded.Size, uploaded.Sha256));
    }

    [Fact]
    public async Task A_body_shorter_than_its_announced_length_is_bad_input_and_leaves_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(200_000);

        using var response = await PostAsync(user.Token, new HeldBackContent(content, sendFirst: 120_000, announced: 300_000, endEarly: true));

        await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, "BAD_USER_INPUT");
        await host.NothingStoredForAsync(user);
    }

    [Fact]
    public async Task A_file_the_store_received_altered_is_not_kept_and_a_retry_stores_it()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(256 * 1024);
        host.LocalProxy.CorruptPut(1);

        using var refused = await PostAsync(user.Token, new ByteArrayContent(content));

        await ShouldBeProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "STORAGE_UNAVAILABLE");
        await host.NothingStoredForAsync(user);
        using var again = await PostAsync(user.Token, new ByteArrayContent(content));
        var id = (await CreatedAsync(again)).GetProperty("id").GetGuid();
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync($"{user.Id}/{id}"));
    }

    [Fact]
    public async Task An_announced_length_over_the_limit_of_the_sniffed_type_is_refused_before_the_store_is_asked()
    {
        var user = await host.GraphQL.SignUpAsync();
        host.LocalProxy.ResetCounters();

        using var response = await PostAsync(user.Token, new ByteArrayContent(SampleFiles.Png((int)CatalogHost.ImageLimit + 1)));

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");
        Assert.Equal(0, host.LocalProxy.Puts);
        await host.NothingStoredForAsync(user);
    }

    [Fact]
    public async Task Identical_bytes_sent_again_are_stored_then_dropped_for_the_object_already_kept()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(100_000);
        host.LocalProxy.ResetCounters();

        using var first = await PostAsync(user.Token, new ByteArrayContent(content));
        using var second = await PostAsync(user.Token, new ByteArrayContent(content));

        var firstId = (await CreatedAsync(first)).GetProperty("id").GetGuid();
        var secondId = (await CreatedAsync(second)).GetProperty("id").GetGuid();
        Assert.Equal(2, host.LocalProxy.Puts); // the hash is known only once the bytes went through
        Assert.Equal([$"{user.Id}/{firstId}"], await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
        var uploaded = Assert.IsType<FileUploaded>((await host.EventsOfAsync(secondId))[0]);
        Assert.Equal($"{user.Id}/{firstId}", uploaded.Location.ObjectKey);
    }

    [Fact]
    public async Task A_client_that_goes_away_while_its_file_goes_through_leaves_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(400_000);
        var body = new HeldBackContent(content, sendFirst: 200_000);
        host.LocalProxy.ResetCounters();
        using var leaving = new CancellationTokenSource();

        var upload = PostAsync(user.Token, body, leaving.Token);
        Assert.True(await Eventually.HoldsAsync(() => host.LocalProxy.Puts == 1), "the PUT did not start");
        await leaving.CancelAsync();
        body.SendTheRest();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);
        Assert.True(await Eventually.HoldsAsync(() => host.LocalProxy.RequestLines.Any(line => line.StartsWith("DELETE ", StringComparison.Ordinal))),
            "the key was not cleared");
        await host.NothingStoredForAsync(user);
    }

    private Task<HttpResponseMessage> PostAsync(string token, HttpContent body, CancellationToken ct = default) =>
        host.GraphQL.Http.SendAsync(GraphQLClient.RestUpload(token, body, "through.bin"), ct);

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }
}
