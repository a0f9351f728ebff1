using System.Security.Claims;
using Catalog.Api.Audit;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.Persistence;
using Catalog.Projections.AuditTrail;
using Marten;
using Marten.Linq;

namespace Catalog.IntegrationTests.Audit;

/// <summary>
/// The trail read from a moment, or for one kind, among many older entries: where the walk along the sequence starts
/// (ADR 0121).
/// </summary>
[Collection(LargeTablesCollection.Name)]
public sealed class AuditTrailAtScaleTests(LargeTablesHost host) : IAsyncLifetime
{
    private const int Older = 30_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ClaimsPrincipal Auditor = new(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Auditor)], "test"));

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => host.ResetAsync();

    [Fact]
    public async Task A_recent_from_starts_the_walk_at_its_first_entry_not_at_the_start_of_the_trail()
    {
        // Enough entries after `from` that Postgres expects a page of them early in any walk along the sequence.
        await SeedAsync(Older, recent: 2_000);
        await using var session = host.Sessions.QuerySession();

        var (read, pages) = await FirstPageAsync(session, new AuditFilter { From = Now.AddDays(-1) });

        Assert.Equal(Enumerable.Range(Older + 1, 51).Select(i => (long)i), read.Select(e => e.Sequence));
        // Finding the lowest sequence after `from` reads the 2 000 entries' part of the time index (about 150 pages);
        // walking the sequence index from the first entry read every older entry's row as well (about 2 000).
        Assert.True(pages < 500, $"the page touched {pages} pages of the trail and its indexes");
    }

    [Fact]
    public async Task An_entry_stamped_later_than_entries_after_it_in_sequence_is_still_in_its_range()
    {
        await SeedAsync(Older, recent: 3);
        // A clock set back, or two writers stamping and numbering in opposite orders: an old sequence, a recent time.
        await host.Store.BulkInsertAsync(new[] { Entry(Older + 10, Now.AddMinutes(-30)) with { Sequence = 5 } });
        await using var session = host.Sessions.QuerySession();

        var (read, _) = await FirstPageAsync(session, new AuditFilter { From = Now.AddDays(-1) });

        Assert.Equal([5L, Older + 1, Older + 2, Older + 3], read.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_from_before_the_first_entry_reads_from_the_start_of_the_trail()
    {
        await SeedAsync(Older, recent: 0);
        await using var session = host.Sessions.QuerySession();

        var (read, pages) = await FirstPageAsync(session, new AuditFilter { From = Now.AddYears(-1) });

        Assert.Equal(Enumerable.Range(1, 51).Select(i => (long)i), read.Select(e => e.Sequence));
        // No bound to look for: finding the lowest sequence of every entry would read the whole time index.
        Assert.True(pages < 100, $"the page touched {pages} pages of the trail and its indexes");
    }

    [Fact]
    public async Task One_kind_is_read_as_a_range_of_its_own_entries_not_by_walking_the_whole_trail()
    {
        // One kind in twenty, all recorded late: a recent outage's failures, say. Postgres expects a page of them early in
        // any walk along the sequence.
        await SeedAsync(Older, recent: 1_500, "FileSyncFailed");
        await using var session = host.Sessions.QuerySession();

        var (read, pages) = await FirstPageAsync(session, new AuditFilter { Kinds = ["FileSyncFailed"] });

        Assert.Equal(Enumerable.Range(Older + 1, 51).Select(i => (long)i), read.Select(e => e.Sequence));
        // About 7. Walking the sequence index and keeping that kind read every older entry's row: 2 088.
        Assert.True(pages < 50, $"the page touched {pages} pages of the trail and its indexes");
    }

    [Fact]
    public async Task Several_kinds_are_read_as_one_range_each_merged_by_sequence()
    {
        await SeedAsync(Older, recent: 1_500, "FileSyncFailed", "FileDeleted");
        await using var session = host.Sessions.QuerySession();

        var (read, pages) = await FirstPageAsync(session, new AuditFilter { Kinds = ["FileSyncFailed", "FileDeleted", "FileDeleted"] });

        Assert.Equal(Enumerable.Range(Older + 1, 51).Select(i => (long)i), read.Select(e => e.Sequence));
        // Walking the sequence index and keeping the kinds read every older entry's row, as for one kind.
        Assert.True(pages < 50, $"the page touched {pages} pages of the trail and its indexes");
    }

    /// <summary>The first page of 51 as the service reads it, and the pages of the trail its statements touched.</summary>
    private async Task<(List<AuditEntry> Read, long Pages)> FirstPageAsync(IQuerySession session, AuditFilter filter)
    {
        var statements = AuditTrailQuery.PageQueries(session, filter, Auditor, upTo: long.MaxValue, after: 0, take: 51).ToList();
        var read = await AuditTrailQuery.RowsAsync(statements, 51, CancellationToken.None);
        long pages = 0;
        foreach (var statement in statements)
            pages += await host.PagesReadAsync(statement.ToCommand(FetchType.FetchMany));
        return (read, pages);
    }

    private async Task SeedAsync(int older, int recent, params string[] recentKinds)
    {
        recentKinds = recentKinds is [] ? ["FileAccessed"] : recentKinds;
        var entries = Enumerable.Range(1, older).Select(i => Entry(i, Now.AddDays(-60).AddSeconds(i)))
            .Concat(Enumerable.Range(older + 1, recent)
                .Select(i => Entry(i, Now.AddHours(-1).AddSeconds(i - older)) with { Kind = recentKinds[i % recentKinds.Length] }))
            .ToList();
        await host.Store.BulkInsertAsync(entries, batchSize: 5_000);
        await host.VacuumAsync(typeof(AuditEntry));
    }

    private static AuditEntry Entry(long sequence, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        Sequence = sequence,
        Version = 2,
        FileId = Guid.CreateVersion7(at),
        OwnerId = Guid.Parse("00000000-0000-7000-8000-00000000000b"),
        Kind = "FileAccessed",
        Timestamp = at,
        Data = "{}",
    };
}
