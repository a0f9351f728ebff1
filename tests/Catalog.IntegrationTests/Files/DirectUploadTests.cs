using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Sync.Locking;
using Marten;
using Wolverine.Tracking;
using static Catalog.IntegrationTests.Infrastructure.DirectUploadCalls;
using static Catalog.IntegrationTests.Infrastructure.FileCalls;

namespace Catalog.IntegrationTests.Files;

[Collection(CatalogCollection.Name)]
public sealed class DirectUploadTests(CatalogHost host) : IAsyncLifetime
{
    // Uploads:Direct defaults: the URL lives an hour, completion is accepted 15 minutes longer.
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_direct_upload_is_verified_copied_to_the_files_key_and_recorded_once()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(6 * 1024 * 1024 + 7); // several parts for the copy
        var ticket = await host.BeginUploadAsync(user.Token, "video-raw.bin", content);
        Assert.Equal("application/octet-stream", ticket.Headers["Content-Type"]);
        Assert.InRange(ticket.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));

        await ticket.PutAsync(content);
        var file = (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile();
        var fileId = file.GetProperty("id").GetGuid();

        Assert.Equal("video-raw.bin", file.GetProperty("name").GetString());
        Assert.Equal(Sha256Of(content), file.GetProperty("sha256").GetString());
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync($"{user.Id}/{fileId}"));
        Assert.False(await host.LocalBucket.ExistsAsync(StagingKey(user, ticket.UploadId)));
        var uploaded = Assert.IsType<FileUploaded>(Assert.Single(await host.EventsOfAsync(fileId)));
        Assert.Equal(new StorageLocation("catalog-local", $"{user.Id}/{fileId}"), uploaded.Location);
        Assert.Equal([typeof(DirectUploadBegun), typeof(DirectUploadCompleted)], (await host.EventsOfAsync(ticket.UploadId)).Select(e => e.GetType()));
        Assert.Equal([fileId], await host.ListedIdsAsync(user.Token));
    }

    [Fact]
    public async Task Completing_again_returns_the_same_file_and_appends_nothing()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.Pdf(3000);
        var ticket = await host.BeginUploadAsync(user.Token, "a.pdf", content, "application/pdf");
        await ticket.PutAsync(content);

        var first = (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile().GetProperty("id").GetGuid();
        var again = await Task.WhenAll(host.CompleteUploadAsync(user.Token, ticket.UploadId), host.CompleteUploadAsync(user.Token, ticket.UploadId));

        Assert.All(again, r => Assert.Equal(first, r.CompletedFile().GetProperty("id").GetGuid()));
        Assert.Single(await host.EventsOfAsync(first));
        Assert.Equal(2, (await host.EventsOfAsync(ticket.UploadId)).Count);
    }

    [Fact]
    public async Task A_retry_overlapping_the_first_completions_commit_returns_the_same_file()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(40_000);
        var ticket = await host.BeginUploadAsync(user.Token, "retried.bin", content);
        await ticket.PutAsync(content);
        var staging = StagingKey(user, ticket.UploadId);

        // The first completion is held inside the upload's lock, at the content lock it takes just before its commit.
        var holder = host.OpenSession();
        await StreamLocks.SerializeAsync(holder, ContentIds.For(user.Id, Sha256Of(content)), CancellationToken.None);
        var first = host.CompleteUploadAsync(user.Token, ticket.UploadId);
        Assert.True(await AdvisoryWaitersAsync(1), "the first completion never reached the content lock");
        // The retry comes while the first still commits; a look at the staged object it took before the upload's lock
        // is held until the first has committed and removed it.
        var retryLooked = host.LocalProxy.HoldRequest("HEAD", staging);
        var retry = host.CompleteUploadAsync(user.Token, ticket.UploadId);
        var retryQueued = AdvisoryWaitersAsync(2);
        var reached = await Task.WhenAny(retryLooked, retryQueued);
        Assert.True(reached == retryLooked || await retryQueued, "the retry never looked at the staged object nor waited for the lock");

        await holder.DisposeAsync();
        var fileId = (await first).CompletedFile().GetProperty("id").GetGuid();
        host.LocalProxy.ReleaseRequest();
        var retried = await retry;

        Assert.Equal(fileId, retried.CompletedFile().GetProperty("id").GetGuid());
        Assert.IsType<FileUploaded>(Assert.Single(await host.EventsOfAsync(fileId)));
        Assert.Equal([typeof(DirectUploadBegun), typeof(DirectUploadCompleted)], (await host.EventsOfAsync(ticket.UploadId)).Select(e => e.GetType()));
        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync($"{user.Id}/{fileId}"));
        Assert.False(await host.LocalBucket.ExistsAsync(staging));
        Assert.Equal([fileId], await host.ListedIdsAsync(user.Token));
    }

    [Fact]
    public async Task Two_completions_at_once_record_one_file()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(300_000);
        var ticket = await host.BeginUploadAsync(user.Token, "race.bin", content);
        await ticket.PutAsync(content);

        var results = await Task.WhenAll(host.CompleteUploadAsync(user.Token, ticket.UploadId), host.CompleteUploadAsync(user.Token, ticket.UploadId));

        var ids = results.Select(r => r.CompletedFile().GetProperty("id").GetGuid()).Distinct().ToList();
        Assert.Single(ids);
        await using var session = host.OpenSession();
        Assert.Equal(1, await session.Events.QueryRawEventDataOnly<FileUploaded>().CountAsync(e => e.OwnerId == user.Id));
    }

    [Fact]
    public async Task Bytes_of_the_wrong_size_are_refused_and_the_upload_stays_open_for_the_right_ones()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(10_000);
        var ticket = await host.BeginUploadAsync(user.Token, "short.bin", content);

        await PutPastTheUrlAsync(user, ticket, content[..9_999]);
        var refused = await host.CompleteUploadAsync(user.Token, ticket.UploadId);

        refused.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("9999 bytes", refused.FirstErrorMessage, StringComparison.Ordinal);
        await AssertNoFileAsync(user);

        await ticket.PutAsync(content);
        var file = (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile();
        Assert.Equal(Sha256Of(content), file.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Bytes_with_the_wrong_hash_are_refused_and_leave_no_file()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(70_000);
        var ticket = await host.BeginUploadAsync(user.Token, "tampered.bin", content);
        var other = content.ToArray();
        other[^1] ^= 0xFF;

        await ticket.PutAsync(other);
        var refused = await host.CompleteUploadAsync(user.Token, ticket.UploadId);

        refused.ShouldFailWith("BAD_USER_INPUT");
        Assert.Contains("SHA-256", refused.FirstErrorMessage, StringComparison.Ordinal);
        await AssertNoFileAsync(user);
        Assert.Single(await host.EventsOfAsync(ticket.UploadId));
    }

    [Fact]
    public async Task Completing_before_anything_was_put_is_bad_input()
    {
        var user = await host.GraphQL.SignUpAsync();
        var ticket = await host.BeginUploadAsync(user.Token, "nothing.bin", SampleFiles.RandomBinary(100));

        (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).ShouldFailWith("BAD_USER_INPUT");
        await AssertNoFileAsync(user);
    }

    [Fact]
    public async Task Bytes_that_contradict_the_declared_type_are_refused()
    {
        var user = await host.GraphQL.SignUpAsync();
        var exe = SampleFiles.WindowsExe(2048);
        var ticket = await host.BeginUploadAsync(user.Token, "holiday.png", exe, "image/png");

        await ticket.PutAsync(exe);

        (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).ShouldFailWith("UNSUPPORTED_MEDIA_TYPE");
        await AssertNoFileAsync(user);
    }

    [Theory]
    [InlineData("application/zip", "UNSUPPORTED_MEDIA_TYPE")] // executable bytes in place of an archive's
    [InlineData("application/octet-stream", "CONFLICT")] // a PDF in place of an archive: allowed, but not what was judged
    public async Task Bytes_put_again_after_their_type_was_judged_are_judged_again_on_the_copy(string declared, string code)
    {
        var user = await host.GraphQL.SignUpAsync();
        var judged = SampleFiles.Zip(2048);
        var replacement = declared == "application/zip" ? SampleFiles.WindowsExe(2048) : SampleFiles.Pdf(2048);
        var ticket = await host.BeginUploadAsync(user.Token, "archive.zip", replacement, declared);
        await ticket.PutAsync(judged);

        (await CompletePuttingAgainAsync(user, ticket, replacement)).ShouldFailWith(code);
        await AssertNoFileAsync(user);
        // The upload stays open, its staged object kept, until it is completed or expires.
        Assert.Equal((replacement.LongLength, Sha256Of(replacement)), await host.LocalBucket.ReadAsync(StagingKey(user, ticket.UploadId)));
    }

    [Fact]
    public async Task Bytes_put_again_shorter_after_their_size_was_checked_are_a_conflict_not_an_internal_error()
    {
        var user = await host.GraphQL.SignUpAsync();
        var announced = SampleFiles.RandomBinary(30_000);
        var shorter = SampleFiles.RandomBinary(10_000);
        var ticket = await host.BeginUploadAsync(user.Token, "a.bin", announced);
        await ticket.PutAsync(announced);

        (await CompletePuttingAgainAsync(user, ticket, shorter)).ShouldFailWith("CONFLICT");
        await AssertNoFileAsync(user);
        // The upload stays open: the announced bytes PUT again complete it.
        await ticket.PutAsync(announced);
        Assert.Equal(Sha256Of(announced), (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile().GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_refused_completion_leaves_nothing_that_the_next_field_of_its_request_could_save()
    {
        var user = await host.GraphQL.SignUpAsync();
        var put = SampleFiles.RandomBinary(30_000);
        var announced = SampleFiles.RandomBinary(30_000);
        var ticket = await host.BeginUploadAsync(user.Token, "a.bin", announced);
        await ticket.PutAsync(put);

        var both = await host.GraphQL.SendAsync("""
            mutation($id: ID!, $input: BeginUploadInput!) {
              a: completeUpload(uploadId: $id) { id }
              b: beginUpload(input: $input) { uploadId }
            }
            """, new { id = ticket.UploadId, input = new { fileName = "other.bin", contentType = "application/octet-stream", size = 1, sha256 = Sha256Of([7]) } },
            user.Token);

        both.ShouldFailWith("BAD_USER_INPUT");
        Assert.Empty(await host.EventsOfAsync(ContentIds.For(user.Id, Sha256Of(put)))); // no file refers to the bytes put
        // The bytes put, uploaded as a file of their own, are served as they are.
        await ticket.PutAsync(announced);
        (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).ShouldSucceed();
        var same = await host.UploadFileAsync(user, "e.bin", put);
        using var served = await host.GetContentAsync(user.Token, same);
        Assert.Equal(Sha256Of(put), Sha256Of(await served.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Someone_elses_upload_is_not_found()
    {
        var owner = await host.GraphQL.SignUpAsync();
        var stranger = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(500);
        var ticket = await host.BeginUploadAsync(owner.Token, "mine.bin", content);
        await ticket.PutAsync(content);

        (await host.CompleteUploadAsync(stranger.Token, ticket.UploadId)).ShouldFailWith("NOT_FOUND");
        (await host.CompleteUploadAsync(stranger.Token, Guid.NewGuid())).ShouldFailWith("NOT_FOUND");
        await AssertNoFileAsync(owner);
    }

    [Fact]
    public async Task Someone_elses_upload_is_not_found_without_waiting_for_the_owners_completion()
    {
        var owner = await host.GraphQL.SignUpAsync();
        var stranger = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(500);
        var ticket = await host.BeginUploadAsync(owner.Token, "mine.bin", content);
        await ticket.PutAsync(content);

        // The owner's completion holds the upload's lock (here for as long as the test likes, as a long copy would).
        await using var holder = host.OpenSession();
        await StreamLocks.SerializeAsync(holder, ticket.UploadId, CancellationToken.None);
        var answered = host.CompleteUploadAsync(stranger.Token, ticket.UploadId);
        var waited = false;
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            if (answered.IsCompleted)
                return true;
            await using var session = host.OpenSession();
            return waited = await LockWaiters.OnAdvisoryAsync(session) >= 1;
        }), "the stranger's completion neither answered nor waited");
        Assert.False(waited, "the stranger's completion waited for the owner's upload lock, which tells that the upload exists");

        (await answered).ShouldFailWith("NOT_FOUND");
    }

    [Theory]
    [InlineData("page.html", "text/html", 100L, "UNSUPPORTED_MEDIA_TYPE")]
    [InlineData("tool.exe", "application/x-msdownload", 100L, "UNSUPPORTED_MEDIA_TYPE")]
    [InlineData("photo.png", "image/png", CatalogHost.ImageLimit + 1, "FILE_TOO_LARGE")]
    [InlineData("huge.bin", "application/octet-stream", CatalogHost.MaxUploadBytes + 1, "FILE_TOO_LARGE")]
    [InlineData("huger.bin", "application/octet-stream", CatalogHost.QuotaBytes + 1, "FILE_TOO_LARGE")] // no room freed would let it in
    [InlineData("negative.bin", "application/octet-stream", -1L, "BAD_USER_INPUT")]
    [InlineData("weird.bin", "not a type", 100L, "BAD_USER_INPUT")]
    public async Task A_refused_announcement_records_nothing(string name, string contentType, long size, string code)
    {
        var user = await host.GraphQL.SignUpAsync();

        (await host.BeginUploadAsync(user.Token, name, size, new string('a', 64), contentType)).ShouldFailWith(code);
        await AssertNoUploadAsync(user);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    public async Task A_malformed_hash_is_bad_input(string sha256)
    {
        var user = await host.GraphQL.SignUpAsync();

        (await host.BeginUploadAsync(user.Token, "x.bin", 10, sha256)).ShouldFailWith("BAD_USER_INPUT");
        await AssertNoUploadAsync(user);
    }

    [Fact]
    public async Task An_announcement_beyond_the_quota_is_refused()
    {
        var user = await host.GraphQL.SignUpAsync();
        var kept = CatalogHost.QuotaBytes - CatalogHost.MaxUploadBytes + 1;
        await host.UploadFileAsync(user, "kept.bin", new byte[kept]);

        (await host.BeginUploadAsync(user.Token, "big.bin", CatalogHost.MaxUploadBytes, new string('b', 64))).ShouldFailWith("QUOTA_EXCEEDED");
        Assert.Single(await host.LocalBucket.KeysUnderAsync($"{user.Id}/")); // the kept file's
        await using var session = host.OpenSession();
        Assert.Equal(0, await session.Events.QueryRawEventDataOnly<DirectUploadBegun>().CountAsync(e => e.OwnerId == user.Id));
    }

    [Fact]
    public async Task Beginning_needs_a_login()
    {
        (await host.GraphQL.SendAsync(
            "mutation { beginUpload(input: {fileName: \"a\", size: 1, sha256: \"" + new string('a', 64) + "\"}) { uploadId } }"))
            .ShouldFailWith("UNAUTHENTICATED");
    }

    [Fact]
    public async Task An_upload_never_completed_expires_on_schedule_and_its_object_is_removed()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(4000);
        var ticket = await host.BeginUploadAsync(user.Token, "abandoned.bin", content);
        await ticket.PutAsync(content);

        var (expire, dueAt) = Assert.Single(await host.ScheduledAsync<ExpireDirectUpload>(), m => m.Message.UploadId == ticket.UploadId);
        Assert.InRange(dueAt - (ticket.ExpiresAt + Grace), TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));

        host.Clock.Advance(TimeSpan.FromHours(1) + Grace + TimeSpan.FromSeconds(1));
        await host.Host.InvokeMessageAndWaitAsync(expire);

        Assert.False(await host.LocalBucket.ExistsAsync(StagingKey(user, ticket.UploadId)));
        Assert.IsType<DirectUploadExpired>((await host.EventsOfAsync(ticket.UploadId))[^1]);
        (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).ShouldFailWith("UPLOAD_EXPIRED");
        await AssertNoFileAsync(user);
    }

    [Fact]
    public async Task An_expiry_delivered_early_waits_and_keeps_the_object()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(4000);
        var ticket = await host.BeginUploadAsync(user.Token, "early.bin", content);
        await ticket.PutAsync(content);

        await host.Host.InvokeMessageAndWaitAsync(new ExpireDirectUpload(ticket.UploadId));

        Assert.True(await host.LocalBucket.ExistsAsync(StagingKey(user, ticket.UploadId)));
        Assert.Single(await host.EventsOfAsync(ticket.UploadId));
        Assert.Equal(2, (await host.ScheduledAsync<ExpireDirectUpload>()).Count(m => m.Message.UploadId == ticket.UploadId));
        (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile();
    }

    [Fact]
    public async Task The_expiry_of_a_completed_upload_leaves_the_file_alone()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(4000);
        var ticket = await host.BeginUploadAsync(user.Token, "kept.bin", content);
        await ticket.PutAsync(content);
        var fileId = (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile().GetProperty("id").GetGuid();

        host.Clock.Advance(TimeSpan.FromHours(2));
        await host.Host.InvokeMessageAndWaitAsync(new ExpireDirectUpload(ticket.UploadId));

        Assert.Equal((content.LongLength, Sha256Of(content)), await host.LocalBucket.ReadAsync($"{user.Id}/{fileId}"));
        Assert.Equal(2, (await host.EventsOfAsync(ticket.UploadId)).Count);
        Assert.Equal(fileId, (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).CompletedFile().GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Completing_after_the_grace_period_is_expired_even_before_the_expiry_ran()
    {
        var user = await host.GraphQL.SignUpAsync();
        var content = SampleFiles.RandomBinary(4000);
        var ticket = await host.BeginUploadAsync(user.Token, "late.bin", content);
        await ticket.PutAsync(content);

        host.Clock.Advance(TimeSpan.FromHours(1) + Grace + TimeSpan.FromSeconds(1));

        (await host.CompleteUploadAsync(user.Token, ticket.UploadId)).ShouldFailWith("UPLOAD_EXPIRED");
        await AssertNoFileAsync(user);
    }

    /// <summary>
    /// Completes the upload, PUTting <paramref name="again"/> to its staging key after the completion read the staged
    /// object (its size and first bytes) and before it copies it: the copy's GET, the second of the staging key, is held
    /// until the PUT is stored. That GET is sent only once the first one's answer was read and judged.
    /// </summary>
    private async Task<GraphQLResponse> CompletePuttingAgainAsync(TestUser user, Ticket ticket, byte[] again)
    {
        var copying = host.LocalProxy.HoldRequest("GET", StagingKey(user, ticket.UploadId), nth: 2);
        var completing = host.CompleteUploadAsync(user.Token, ticket.UploadId);
        var reached = await Task.WhenAny(copying, completing);
        Assert.True(reached == copying, "the completion answered before it copied the staged object");
        if (again.LongLength == long.Parse(ticket.Headers["Content-Length"]))
            await ticket.PutAsync(again);
        else
            await PutPastTheUrlAsync(user, ticket, again);
        host.LocalProxy.ReleaseRequest();
        return await completing;
    }

    /// <summary>
    /// Stages bytes of another length than announced, which the URL itself no longer takes (its length is signed): the
    /// completion's own size checks stay for a store that would ignore a signed header.
    /// </summary>
    private Task PutPastTheUrlAsync(TestUser user, Ticket ticket, byte[] content) =>
        host.LocalBucket.PutAsync(StagingKey(user, ticket.UploadId), content);

    private Task<bool> AdvisoryWaitersAsync(int count) => Eventually.HoldsAsync(async () =>
    {
        await using var session = host.OpenSession();
        return await LockWaiters.OnAdvisoryAsync(session) >= count;
    });

    private async Task AssertNoFileAsync(TestUser user)
    {
        Assert.DoesNotContain(await host.LocalBucket.KeysUnderAsync($"{user.Id}/"), k => !k.Contains("/uploads/", StringComparison.Ordinal));
        await using var session = host.OpenSession();
        Assert.Equal(0, await session.Events.QueryRawEventDataOnly<FileUploaded>().CountAsync(e => e.OwnerId == user.Id));
    }

    private async Task AssertNoUploadAsync(TestUser user)
    {
        await host.NothingStoredForAsync(user);
        await using var session = host.OpenSession();
        Assert.Equal(0, await session.Events.QueryRawEventDataOnly<DirectUploadBegun>().CountAsync(e => e.OwnerId == user.Id));
    }
}
