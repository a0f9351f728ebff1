using System.Security.Claims;
using Catalog.Api.Audit;
using Catalog.Domain.Users;
using Catalog.IntegrationTests.Persistence;
using Catalog.Projections.AuditTrail;
using Marten;
using Marten.Linq;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Audit;

/// <summary>A trail read for one kind of event among many of another (ADR 0121).</summary>
[Collection(LargeTablesCollection.Name)]
public sealed class AuditTrailKindTests(LargeTablesHost host) : IAsyncLifetime
{
    private const int Common = 30_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ClaimsPrincipal Auditor = new(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Auditor)], "test"));

    public Task InitializeAsync() => host.ResetAsync();
    public Task DisposeAsync() => host.ResetAsync();

    [Fact]
    public async Task One_kind_is_read_as_a_range_of_its_own_entries_not_by_walking_the_whole_trail()
    {
        // One kind in twenty, all recorded late: a recent outage's failures, say. Postgres expects a page of them early in
        // any walk along the sequence.
        var entries = Enumerable.Range(1, Common).Select(i => Entry(i, "FileAccessed"))
            .Concat(Enumerable.Range(Common + 1, 1_500).Select(i => Entry(i, "FileSyncFailed")))
            .ToList();
        await host.Store.BulkInsertAsync(entries, batchSize: 5_000);
        await host.VacuumAsync(typeof(AuditEntry));
        await using var session = host.Host.Services.GetRequiredService<ISessionFactory>().QuerySession();

        var page = AuditTrailQuery.Filtered(session, new AuditFilter { Kinds = ["FileSyncFailed"] }, Auditor)
            .Where(e => e.Sequence > 0).OrderBy(e => e.Sequence).Take(51);
        var read = await page.ToListAsync();
        var pages = await host.PagesReadAsync(page.ToCommand(FetchType.FetchMany));

        Assert.Equal(Enumerable.Range(Common + 1, 51).Select(i => (long)i), read.Select(e => e.Sequence));
        // About 7. Walking the sequence index and keeping that kind read every older entry's row: 2 088.
        Assert.True(pages < 50, $"the page touched {pages} pages of the trail and its indexes");
    }

    private static AuditEntry Entry(long sequence, string kind) => new()
    {
        Id = Guid.CreateVersion7(Now.AddSeconds(sequence)),
        Sequence = sequence,
        Version = 2,
        FileId = Guid.CreateVersion7(Now.AddSeconds(sequence)),
        OwnerId = Guid.Parse("00000000-0000-7000-8000-00000000000d"),
        Kind = kind,
        Timestamp = Now.AddSeconds(sequence),
        Data = "{}",
    };
}
