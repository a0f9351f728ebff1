using System.Net;
using System.Text.Json;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Storage;
using Marten;
using static Catalog.IntegrationTests.Infrastructure.DirectUploadCalls;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;
using static Catalog.IntegrationTests.Infrastructure.StorageAssertions;

namespace Catalog.IntegrationTests.Files;

/// <summary>
/// The store's word on what it kept (ADRs 0066 and 0102): a PUT or part the store received altered, a PUT it did not
/// confirm by its checksum, or a multipart upload it stopped taking, leaves no object, no unfinished multipart upload
/// and no event, and the client is told to try again (STORAGE_UNAVAILABLE, 503). The proxy in front of the local tier
/// flips a body byte, hides a header of the store's answers, refuses PUTs or goes down.
/// </summary>
[Collection(CatalogCollection.Name)]
public sealed class StoredBytesTests(CatalogHost host) : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_upload_the_store_received_altered_is_not_kept_and_not_recorded()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(256 * 1024);
        host.LocalProxy.CorruptPut(1);

        var refused = await host.GraphQL.UploadAsync(user.Token, "a.bin", content);

        refused.ShouldFailWith("STORAGE_UNAVAILABLE");
        Assert.Equal(1, host.LocalProxy.Puts);
        Assert.Equal(["BadDigest"], host.LocalProxy.ErrorCodes); // the store checked the trailing CRC-32 (ADR 0102)
        await host.NothingStoredForAsync(user);

        var id = await host.UploadFileAsync(user, "a.bin", content);
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync($"{user.Id}/{id}"));
    }

    [Fact]
    public async Task An_upload_the_store_does_not_confirm_by_its_checksum_is_not_kept_and_not_recorded()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(256 * 1024);
        host.LocalProxy.HideAnswerHeader(TrailingChecksumContent.TrailerName); // a store that ignores trailing checksums

        using var rest = await PostRawAsync(user.Token, content);
        var graphql = await host.GraphQL.UploadAsync(user.Token, "a.bin", content);

        await ShouldBeUnavailableProblem(rest);
        graphql.ShouldFailWith("STORAGE_UNAVAILABLE");
        Assert.Equal(2, host.LocalProxy.Puts);
        await host.NothingStoredForAsync(user);
        host.LocalProxy.Up();
        Assert.Equal(HttpStatusCode.Created, (await PostRawAsync(user.Token, content)).StatusCode);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_multipart_upload_with_a_part_the_store_received_altered_is_aborted(int alteredPart)
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(6 * MiB + 3); // parts of 5 MiB and 1 MiB + 3
        host.LocalProxy.CorruptPut(alteredPart);

        using var response = await PostRawAsync(user.Token, content);

        await ShouldBeUnavailableProblem(response);
        Assert.Equal(alteredPart, host.LocalProxy.Puts); // no part after the altered one was sent
        await host.NothingStoredForAsync(user);
    }

    [Fact]
    public async Task A_multipart_upload_the_store_stops_taking_midway_is_aborted()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(6 * MiB + 3); // two parts
        host.LocalProxy.RefusePutsAfter(1);

        using var response = await PostRawAsync(user.Token, content);

        await ShouldBeUnavailableProblem(response);
        Assert.True(host.LocalProxy.Puts >= 2, "the second part was tried");
        await host.NothingStoredForAsync(user);

        host.LocalProxy.Up();
        using var again = await PostRawAsync(user.Token, content);
        Assert.True(again.StatusCode == HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
        Assert.Empty(await host.LocalBucket.IncompleteUploadsUnderAsync($"{user.Id}/"));
    }

    [Fact]
    public async Task An_upload_while_the_local_tier_is_down_is_a_retryable_error_that_leaves_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(64 * 1024);
        host.LocalProxy.Down();

        using var rest = await PostRawAsync(user.Token, content);
        var graphql = await host.GraphQL.UploadAsync(user.Token, "a.bin", content);

        await ShouldBeUnavailableProblem(rest);
        graphql.ShouldFailWith("STORAGE_UNAVAILABLE");
        await host.NothingStoredForAsync(user);
        host.LocalProxy.Up();
        Assert.Equal(HttpStatusCode.Created, (await PostRawAsync(user.Token, content)).StatusCode);
    }

    [Fact]
    public async Task A_client_that_goes_away_while_its_file_is_being_stored_leaves_no_multipart_upload()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(6 * MiB + 3);
        var held = host.LocalProxy.HoldTraffic(); // the first request to the store is the multipart upload's start
        using var leaving = new CancellationTokenSource();

        var upload = PostRawAsync(user.Token, content, leaving.Token);
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        await leaving.CancelAsync();
        host.LocalProxy.Release();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!host.LocalProxy.RequestLines.Any(line => line.StartsWith("DELETE ", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Contains(host.LocalProxy.RequestLines, line => line.StartsWith("DELETE ", StringComparison.Ordinal) && line.Contains("uploadId=", StringComparison.Ordinal));
        await host.NothingStoredForAsync(user);
    }

    [Theory]
    [InlineData(3000)] // copied in one PUT
    [InlineData(6 * MiB + 7)] // copied in two parts
    public async Task A_direct_upload_whose_copy_the_store_received_altered_stays_open_and_completes_later(int size)
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(size);
        var ticket = await host.BeginUploadAsync(user.Token, "raw.bin", content);
        await ticket.PutAsync(content); // through the proxy as well
        host.LocalProxy.CorruptPut(1);

        var refused = await host.CompleteUploadAsync(user.Token, ticket.UploadId);

        refused.ShouldFailWith("STORAGE_UNAVAILABLE");
        // A one-PUT copy is refused by the store on receipt, a part by the ETag check (ADR 0066).
        Assert.Equal(size < MiB ? new[] { "BadDigest" } : [], host.LocalProxy.ErrorCodes.Where(code => code == "BadDigest"));
        Assert.Equal([StagingKey(user, ticket.UploadId)], await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
        Assert.Empty(await host.LocalBucket.IncompleteUploadsUnderAsync($"{user.Id}/"));
        await using (var session = host.OpenSession())
            Assert.Equal(0, await session.Events.QueryRawEventDataOnly<FileUploaded>().CountAsync(e => e.OwnerId == user.Id));

        var fileId = (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile().GetProperty("id").GetGuid();
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync($"{user.Id}/{fileId}"));
    }

    private Task<HttpResponseMessage> PostRawAsync(string token, byte[] content, CancellationToken ct = default) =>
        host.PostRawUploadAsync(token, content, ct);
}
