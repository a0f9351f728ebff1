using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Projections.Usage;
using Marten;

namespace Catalog.IntegrationTests.Files;

/// <summary>Each hostile upload gets its exact error and leaves no object and no event behind.</summary>
[Collection(CatalogCollection.Name)]
public sealed class HostileUploadTests(CatalogHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, byte[], string> Refused => new()
    {
        { "setup.exe", "application/octet-stream", SampleFiles.WindowsExe(), "UNSUPPORTED_MEDIA_TYPE" },
        { "cat.png", "image/png", SampleFiles.WindowsExe(), "UNSUPPORTED_MEDIA_TYPE" },
        { "report.pdf", "application/pdf", SampleFiles.Elf(), "UNSUPPORTED_MEDIA_TYPE" },
        { "tool", "application/octet-stream", SampleFiles.MachO(), "UNSUPPORTED_MEDIA_TYPE" },
        { "notes.txt", "text/plain", SampleFiles.ShellScript(), "UNSUPPORTED_MEDIA_TYPE" },
        { "photo.jpg", "image/jpeg", SampleFiles.Png(), "UNSUPPORTED_MEDIA_TYPE" },
        { "photo.png", "image/png", SampleFiles.Text("just some words"), "UNSUPPORTED_MEDIA_TYPE" },
        { "anim.gif", "image/gif", SampleFiles.Pdf(), "UNSUPPORTED_MEDIA_TYPE" },
        { "page.html", "text/html", SampleFiles.Text("<html><script>alert(1)</script></html>"), "UNSUPPORTED_MEDIA_TYPE" },
        { "logo.svg", "image/svg+xml", SampleFiles.Text("<svg onload=\"alert(1)\"/>"), "UNSUPPORTED_MEDIA_TYPE" },
        { "app.js", "application/javascript", SampleFiles.Text("alert(1)"), "UNSUPPORTED_MEDIA_TYPE" },
        { "app.es", "text/ecmascript", SampleFiles.Text("alert(1)"), "UNSUPPORTED_MEDIA_TYPE" },
        { "app.jsx", "text/x-javascript", SampleFiles.Text("alert(1)"), "UNSUPPORTED_MEDIA_TYPE" },
        { "page.htm", "text/x-html", SampleFiles.Text("alert(1)"), "UNSUPPORTED_MEDIA_TYPE" },
        { "page.txt", "text/plain", SampleFiles.Text("<!DOCTYPE html><script>alert(1)</script>"), "UNSUPPORTED_MEDIA_TYPE" },
        { "page.bin", "application/octet-stream", SampleFiles.Text("<html><script>alert(1)</script></html>"), "UNSUPPORTED_MEDIA_TYPE" },
        { "logo.xml", "application/xml", SampleFiles.Text("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "UNSUPPORTED_MEDIA_TYPE" },
        { "logo.txt", "text/xml", SampleFiles.Text("<svg onload=\"alert(1)\"/>"), "UNSUPPORTED_MEDIA_TYPE" },
        { "archive.zip", "application/x-msdownload", SampleFiles.Zip(), "UNSUPPORTED_MEDIA_TYPE" },
        { "data.custom", "application/x-custom", [0, 1, 2, 3], "UNSUPPORTED_MEDIA_TYPE" },
        { "weird.bin", "not a media type", [0, 1, 2], "BAD_USER_INPUT" },
        { "any.bin", "image/*", [0, 1, 2], "BAD_USER_INPUT" },
        { "huge.png", "image/png", SampleFiles.Png((int)CatalogHost.ImageLimit + 1), "FILE_TOO_LARGE" },
        { "huge-sniffed.bin", "application/octet-stream", SampleFiles.Jpeg((int)CatalogHost.ImageLimit + 1), "FILE_TOO_LARGE" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_hostile_upload_is_refused_with_its_code(string name, string declared, byte[] content, string code)
    {
        var user = await host.GraphQL.SignUpAsync();

        var response = await host.GraphQL.UploadAsync(user.Token, name, content, declared);

        response.ShouldFailWith(code);
        await host.NothingStoredForAsync(user);
    }

    [Theory]
    [InlineData("application/octet-stream", "image/png")]
    [InlineData("image/png", "image/png")]
    public async Task Bytes_decide_the_stored_type(string declared, string stored)
    {
        var user = await host.GraphQL.SignUpAsync();

        var file = (await host.GraphQL.UploadAsync(user.Token, "cat.png", SampleFiles.Png(), declared)).ShouldSucceed();

        Assert.Equal(stored, file.Data.GetProperty("uploadFile").GetProperty("contentType").GetString());
    }

    [Theory]
    [InlineData("table.csv", "text/csv", "a,b\n1,2\n")]
    [InlineData("data.json", "application/json", "{\"a\": 1}")]
    [InlineData("note.xml", "application/xml", "<?xml version=\"1.0\"?><note><to>Tove</to></note>")]
    [InlineData("README.md", "text/markdown", "<p align=\"center\">logo</p>\n# Title\n")]
    public async Task Text_keeps_its_declared_text_type(string name, string declared, string text)
    {
        var user = await host.GraphQL.SignUpAsync();

        var file = (await host.GraphQL.UploadAsync(user.Token, name, SampleFiles.Text(text), declared)).ShouldSucceed();

        Assert.Equal(declared, file.Data.GetProperty("uploadFile").GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task An_office_document_is_a_zip_by_its_bytes_and_is_accepted()
    {
        const string docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        var user = await host.GraphQL.SignUpAsync();

        var file = (await host.GraphQL.UploadAsync(user.Token, "letter.docx", SampleFiles.Zip(), docx)).ShouldSucceed();

        Assert.Equal(docx, file.Data.GetProperty("uploadFile").GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task The_file_count_quota_holds_at_its_edge()
    {
        var user = await host.GraphQL.SignUpAsync();
        for (var i = 0; i < CatalogHost.QuotaFiles; i++)
            (await host.GraphQL.UploadAsync(user.Token, $"f{i}.bin", [0, (byte)i])).ShouldSucceed(); // distinct: identical bytes share one object

        var oneTooMany = await host.GraphQL.UploadAsync(user.Token, "over.bin", [0, 1]);

        oneTooMany.ShouldFailWith("QUOTA_EXCEEDED");
        Assert.Equal((int)CatalogHost.QuotaFiles, (await host.LocalBucket.KeysUnderAsync($"{user.Id}/")).Count);
    }

    [Fact]
    public async Task Uploads_racing_for_the_last_place_in_the_quota_let_exactly_one_in()
    {
        var user = await host.GraphQL.SignUpAsync();
        for (var i = 0; i < CatalogHost.QuotaFiles - 1; i++)
            (await host.GraphQL.UploadAsync(user.Token, $"f{i}.bin", [1, (byte)i])).ShouldSucceed();

        // Hold the owner's usage row, so that every racer has passed its unlocked checks and stored its bytes, and its
        // commit waits to add the file to the row.
        Task<GraphQLResponse[]> racing;
        await using (var holder = host.OpenSession())
        {
            await holder.BeginTransactionAsync(CancellationToken.None);
            await holder.AdvancedSql.QueryAsync<int>(
                $"select 1 from {OwnerUsageTable.Name.QualifiedName} where owner_id = ? for update", CancellationToken.None, user.Id);
            racing = Task.WhenAll(Enumerable.Range(0, 4).Select(i => host.GraphQL.UploadAsync(user.Token, $"racer{i}.bin", [2, (byte)i])));
            await LockWaiters.ForRowAsync(holder, 4, "uploads");
        }
        var racers = await racing;

        Assert.Single(racers, r => r.ErrorCodes.Count == 0);
        Assert.All(racers.Where(r => r.ErrorCodes.Count > 0), r => r.ShouldFailWith("QUOTA_EXCEEDED"));
        Assert.Equal((int)CatalogHost.QuotaFiles, (await host.LocalBucket.KeysUnderAsync($"{user.Id}/")).Count);
        Assert.Equal(CatalogHost.QuotaFiles, (await UsageOfAsync(user.Id)).Files);
    }

    [Fact]
    public async Task Parallel_uploads_of_one_owner_fill_the_quota_exactly_and_are_each_counted_once()
    {
        var user = await host.GraphQL.SignUpAsync();
        var contents = Enumerable.Range(1, 10).Select(n => Enumerable.Repeat((byte)n, n * 1000).ToArray()).ToList();

        var results = await Task.WhenAll(contents.Select((bytes, n) => host.GraphQL.UploadAsync(user.Token, $"p{n}.bin", bytes)));

        var admitted = contents.Where((_, n) => results[n].ErrorCodes.Count == 0).ToList();
        Assert.Equal((int)CatalogHost.QuotaFiles, admitted.Count);
        Assert.All(results.Where(r => r.ErrorCodes.Count > 0), r => r.ShouldFailWith("QUOTA_EXCEEDED"));
        var usage = await UsageOfAsync(user.Id);
        Assert.Equal((admitted.Sum(b => (long)b.Length), CatalogHost.QuotaFiles), (usage.Bytes, usage.Files));
        Assert.Equal(admitted.Count, (await host.LocalBucket.KeysUnderAsync($"{user.Id}/")).Count);
    }

    private async Task<OwnerUsage> UsageOfAsync(Guid ownerId)
    {
        await using var session = host.OpenSession();
        return await OwnerUsageTable.OfAsync(session, ownerId, CancellationToken.None);
    }

    [Fact]
    public async Task The_byte_quota_counts_the_real_size_of_an_upload()
    {
        var user = await host.GraphQL.SignUpAsync();
        var sevenMiB = new byte[7 * 1024 * 1024];
        (await host.GraphQL.UploadAsync(user.Token, "first.bin", sevenMiB)).ShouldSucceed();

        var second = await host.GraphQL.UploadAsync(user.Token, "second.bin", sevenMiB);

        second.ShouldFailWith("QUOTA_EXCEEDED");
        Assert.Single(await host.LocalBucket.KeysUnderAsync($"{user.Id}/"));
    }

    [Fact]
    public async Task Storage_usage_counts_bytes_and_files_per_tier()
    {
        var user = await host.GraphQL.SignUpAsync();
        var first = (await host.GraphQL.UploadAsync(user.Token, "a.bin", new byte[100])).ShouldSucceed().Data.GetProperty("uploadFile").GetProperty("id").GetGuid();
        (await host.GraphQL.UploadAsync(user.Token, "b.bin", new byte[50])).ShouldSucceed();
        (await host.GraphQL.UploadAsync(user.Token, "c.bin", new byte[20])).ShouldSucceed();
        await host.SyncAsync(first);
        // Neither a deleted file nor another owner's counts.
        var deleted = await host.UploadFileAsync(user, "deleted.bin", new byte[7]);
        await host.DeleteAsync(deleted, user.Id);
        var other = await host.GraphQL.SignUpAsync();
        await host.SyncAsync(await host.UploadFileAsync(other, "other.bin", new byte[1000]));

        var usage = (await host.GraphQL.SendAsync("{ storageUsage { tier bytes files } }", token: user.Token)).ShouldSucceed()
            .Data.GetProperty("storageUsage").EnumerateArray()
            .ToDictionary(u => u.GetProperty("tier").GetString()!, u => (u.GetProperty("bytes").GetInt64(), u.GetProperty("files").GetInt64()));

        Assert.Equal((70L, 2L), usage["LOCAL"]);
        Assert.Equal((100L, 1L), usage["LOCAL_AND_CLOUD"]);
        Assert.Equal((0L, 0L), usage["CLOUD"]);
    }

}
