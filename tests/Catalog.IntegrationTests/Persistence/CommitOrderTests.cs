using Catalog.Api.Files.Upload;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;
using Marten;

namespace Catalog.IntegrationTests.Persistence;

[Collection(CatalogCollection.Name)]
public sealed class CommitOrderTests(CatalogHost host)
{
    // The increment locks the owner's usage row until the commit (ADR 0081): anything written after it would make the
    // owner's other commits wait longer.
    [Fact]
    public async Task The_owners_usage_row_is_the_last_row_a_commit_writes()
    {
        var owner = Guid.NewGuid();
        var sql = new SqlRecorder();
        await using var session = host.OpenSession();
        session.Logger = sql;
        for (var i = 0; i < 3; i++)
            StartUpload(session, owner, $"order-{i}.txt");

        await session.SaveChangesAsync();

        var writes = sql.Commands.Where(IsInsert).ToList();
        Assert.Contains(writes, c => c.Contains("mt_doc_filelisting", StringComparison.Ordinal));
        Assert.Contains(writes, c => c.Contains("mt_doc_auditentry", StringComparison.Ordinal));
        Assert.True(IsUsageIncrement(writes[^1]), writes[^1]);
        Assert.Single(writes, IsUsageIncrement);
    }

    // The quota check reads the usage row the increment has just written (ADR 0076) and rides in the same batch, after
    // it: no round trip of its own while the owner's row is locked (ADR 0115).
    [Fact]
    public async Task The_quota_check_is_sent_with_the_commits_writes_after_the_usage_increment()
    {
        var owner = Guid.NewGuid();
        var sql = new SqlRecorder();
        await using var session = host.OpenSession();
        session.Logger = sql;
        StartUpload(session, owner, "guarded.txt");
        QuotaGuard.Enlist(session, owner, 10, new Quota(MaxBytes: 1_000, MaxFiles: 10), DateTimeOffset.UtcNow);

        await session.SaveChangesAsync();

        var commit = Assert.Single(sql.RoundTrips, batch => batch.Any(c => c.Contains("catalog.owner_usage", StringComparison.Ordinal)));
        var increment = commit.ToList().FindIndex(IsUsageIncrement);
        Assert.True(increment >= 0, string.Join("\n", commit));
        Assert.Collection(commit.Skip(increment + 1),
            usage => Assert.StartsWith("select bytes, files from catalog.owner_usage", usage, StringComparison.Ordinal),
            ownerLock => Assert.Contains("pg_advisory_xact_lock", ownerLock, StringComparison.Ordinal),
            open => Assert.Contains("mt_doc_openupload", open, StringComparison.Ordinal));
    }

    private static void StartUpload(IDocumentSession session, Guid owner, string name)
    {
        var fileId = Guid.CreateVersion7();
        session.Events.StartStream<StoredFile>(fileId, new FileUploaded(
            fileId, owner, name, "text/plain", 10, new string('0', 64),
            new StorageLocation("catalog-local", $"{owner:N}/{fileId:N}"), owner, DateTimeOffset.UtcNow));
    }

    private static bool IsInsert(string command) => command.TrimStart().StartsWith("insert", StringComparison.OrdinalIgnoreCase);

    private static bool IsUsageIncrement(string command) =>
        IsInsert(command) && command.Contains("catalog.owner_usage", StringComparison.Ordinal);
}
