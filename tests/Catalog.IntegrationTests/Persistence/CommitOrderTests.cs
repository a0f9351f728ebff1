using Catalog.Api.Files.Upload;
using Catalog.Domain.Files;
using Catalog.IntegrationTests.Infrastructure;

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
        {
            var fileId = Guid.CreateVersion7();
            session.Events.StartStream<StoredFile>(fileId, new FileUploaded(
                fileId, owner, $"order-{i}.txt", "text/plain", 10, new string('0', 64),
                new StorageLocation("catalog-local", $"{owner:N}/{fileId:N}"), owner, DateTimeOffset.UtcNow));
        }

        await session.SaveChangesAsync();

        var writes = sql.Commands.Where(c => c.TrimStart().StartsWith("insert", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(writes, c => c.Contains("mt_doc_filelisting", StringComparison.Ordinal));
        Assert.Contains(writes, c => c.Contains("mt_doc_auditentry", StringComparison.Ordinal));
        Assert.Contains("catalog.owner_usage", writes[^1], StringComparison.Ordinal);
        Assert.Single(writes, c => c.Contains("catalog.owner_usage", StringComparison.Ordinal));
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
        var fileId = Guid.CreateVersion7();
        session.Events.StartStream<StoredFile>(fileId, new FileUploaded(
            fileId, owner, "guarded.txt", "text/plain", 10, new string('0', 64),
            new StorageLocation("catalog-local", $"{owner:N}/{fileId:N}"), owner, DateTimeOffset.UtcNow));
        QuotaGuard.Enlist(session, owner, 10, new Quota(MaxBytes: 1_000, MaxFiles: 10), DateTimeOffset.UtcNow);

        await session.SaveChangesAsync();

        var commit = Assert.Single(sql.RoundTrips, batch => batch.Any(c => c.Contains("catalog.owner_usage", StringComparison.Ordinal)));
        var increment = commit.ToList().FindIndex(c => c.TrimStart().StartsWith("insert", StringComparison.OrdinalIgnoreCase) && c.Contains("catalog.owner_usage", StringComparison.Ordinal));
        Assert.True(increment >= 0, string.Join("\n", commit));
        Assert.Collection(commit.Skip(increment + 1),
            usage => Assert.StartsWith("select bytes, files from catalog.owner_usage", usage, StringComparison.Ordinal),
            ownerLock => Assert.Contains("pg_advisory_xact_lock", ownerLock, StringComparison.Ordinal),
            open => Assert.Contains("mt_doc_openupload", open, StringComparison.Ordinal));
    }
}
