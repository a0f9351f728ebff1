using Catalog.Domain.Files;
using Catalog.Projections.AuditTrail;
using static Catalog.IntegrationTests.Projections.ProjectionSpecs;

namespace Catalog.IntegrationTests.Projections;

public sealed class AuditEntriesTests
{
    [Fact]
    public void An_access_becomes_an_entry_with_who_how_and_from_where()
    {
        var e = At(Accessed(), 4, 12);

        var entry = AuditEntries.From(e)!;

        Assert.Equal((e.Id, e.Sequence, 4L, FileId, OwnerId), (entry.Id, entry.Sequence, entry.Version, entry.FileId, entry.OwnerId));
        Assert.Equal(((Guid?)ReaderId, "FileAccessed", T0.AddMinutes(12)), (entry.ActorId, entry.Kind, entry.Timestamp));
        Assert.Equal(((StorageTier?)StorageTier.Local, "203.0.113.5", "curl/8"), (entry.Tier, entry.ClientIp, entry.UserAgent));
        Assert.Contains("\"method\":", entry.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_is_the_actor_of_a_sync()
    {
        var entry = AuditEntries.From(At(Synced(), 2, 1))!;

        Assert.Null(entry.ActorId);
        Assert.Equal("FileSyncedToCloud", entry.Kind);
    }

    [Fact]
    public void The_same_event_always_gives_the_same_entry()
    {
        var e = At(Deleted(), 3, 2);

        var first = AuditEntries.From(e);
        Assert.NotNull(first);
        Assert.Equal(first, AuditEntries.From(e));
    }

    [Fact]
    public void An_event_that_is_not_a_files_is_not_audited()
    {
        Assert.Null(AuditEntries.From(At(new { Something = 1 }, 1, 0)));
    }
}
