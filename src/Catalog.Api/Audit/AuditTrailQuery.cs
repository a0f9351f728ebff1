using System.Security.Claims;
using Catalog.Api.Auth;
using Catalog.Api.Paging;
using Catalog.Projections.AuditTrail;
using Marten;
using Marten.Linq;
using Marten.Linq.MatchesSql;

namespace Catalog.Api.Audit;

/// <summary>The audit trail across files, oldest first, for auditors; a plain user only ever sees their own files.</summary>
public static class AuditTrailQuery
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static IQueryable<AuditEntry> Filtered(IQuerySession session, AuditFilter? where, ClaimsPrincipal user)
    {
        where = where?.ThrowIfRefused() ?? new AuditFilter();
        var query = session.Query<AuditEntry>().AsQueryable();
        if (!AuditAccess.ReadsEveryone(user))
        {
            var caller = user.RequireUserId();
            if (where.OwnerId is { } asked && asked != caller)
                return query.Where(e => false);
            query = query.Where(e => e.OwnerId == caller);
        }
        if (where.OwnerId is { } ownerId)
            query = query.Where(e => e.OwnerId == ownerId);
        if (where.ActorId is { } actorId)
            query = query.Where(e => e.ActorId == actorId);
        if (where.FileId is { } fileId)
            query = query.Where(e => e.FileId == fileId);
        if (where.Kinds?.Distinct().ToList() is [var kind])
            query = query.Where(e => e.Kind == kind); // a range of the (kind, sequence) index, which `any` is not (ADR 0121)
        else if (where.Kinds is { Count: > 0 } kinds)
            query = query.Where(e => kinds.Contains(e.Kind));
        if (where.From?.AsStoredBound() is { } from)
            query = query.Where(e => e.Timestamp >= from).Where(e => e.MatchesSql(FirstSequenceFrom(session), from, from));
        if (where.To?.AsStoredBound() is { } to)
            query = query.Where(e => e.Timestamp < to);
        return query;
    }

    /// <summary>
    /// Postgres takes the timestamp and the sequence for unrelated, so it read a <c>from</c> along the sequence index from
    /// the trail's first entry, whatever else the filter says. Every entry at or after <c>from</c> has a sequence at
    /// least the lowest of theirs, read from the (timestamp, sequence) index: a bound that leaves no entry out, from
    /// which the walk starts instead. A <c>from</c> before the first entry needs none (and would read that whole index
    /// for it). <c>+ 0</c> keeps Postgres from answering the <c>min</c> by the same walk along the sequence (ADR 0121).
    /// </summary>
    private static string FirstSequenceFrom(IQuerySession session)
    {
        var trail = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(AuditEntry)).TableName.QualifiedName;
        return $"d.sequence >= (select case when ? <= (select min(t.timestamp) from {trail} as t) then 0 " +
               $"else (select min(t.sequence + 0) from {trail} as t where t.timestamp >= ?) end)";
    }

    /// <summary>
    /// A bound as Postgres can hold it, meaning the same for the stored timestamps: in UTC (Npgsql writes only UTC to a
    /// timestamptz) and rounded up to whole microseconds (it would drop finer digits, moving the bound below them).
    /// </summary>
    private static DateTimeOffset AsStoredBound(this DateTimeOffset bound)
    {
        var utc = bound.ToUniversalTime();
        var finer = utc.Ticks % TimeSpan.TicksPerMicrosecond;
        return finer == 0 || utc.Ticks > DateTimeOffset.MaxValue.Ticks - TimeSpan.TicksPerMicrosecond
            ? utc
            : utc.AddTicks(TimeSpan.TicksPerMicrosecond - finer);
    }

    /// <summary>
    /// One page after the cursor's sequence, up to the <see cref="AuditHorizon"/>, so a cursor never passes an entry
    /// still being committed. The total is a second query, run only when the client asks for it
    /// (<paramref name="countTotal"/>): it reads every matching entry, and the trail only grows (ADR 0080).
    /// </summary>
    public static async Task<Connection<AuditEntry>> PageAsync(
        IQuerySession session, AuditFilter? where, int? first, string? after, bool countTotal, ClaimsPrincipal user, CancellationToken ct)
    {
        var pageSize = Connections.PageSize(first, DefaultPageSize, MaxPageSize);
        var afterSequence = SequenceCursor.Decode(after);

        var horizon = await AuditHorizon.ReadAsync(session, ct);
        var rows = await RowsAsync(PageQueries(session, where, user, horizon, afterSequence, pageSize + 1), pageSize + 1, ct);
        var total = countTotal ? await Filtered(session, where, user).Where(e => e.Sequence <= horizon).CountAsync(ct) : 0;
        return Connections.FromRows(rows, pageSize, afterSequence > 0, e => SequenceCursor.Encode(e.Sequence), total);
    }

    internal static async Task<List<AuditEntry>> RowsAsync(IEnumerable<IQueryable<AuditEntry>> pages, int take, CancellationToken ct)
    {
        var rows = new List<AuditEntry>();
        foreach (var page in pages)
            rows.AddRange(await page.ToListAsync(ct));
        return rows.OrderBy(e => e.Sequence).Take(take).ToList();
    }

    /// <summary>
    /// The page's statements, whose rows merged by sequence are the page: one, or with several kinds one per kind, each
    /// a range of the (kind, sequence) index. Postgres 15 reads <c>kind = any(...)</c> by walking the sequence index
    /// and keeping the kinds, however few of them there are (ADR 0121).
    /// </summary>
    internal static IEnumerable<IQueryable<AuditEntry>> PageQueries(
        IQuerySession session, AuditFilter? where, ClaimsPrincipal user, long upTo, long after, int take)
    {
        if (where is not { Kinds: { } kinds } || kinds.Distinct().Count() < 2)
            return [Page(Filtered(session, where, user))];
        return kinds.Distinct().Select(kind => Page(Filtered(session, where.WithKind(kind), user))).ToList();

        IQueryable<AuditEntry> Page(IQueryable<AuditEntry> filtered) =>
            filtered.Where(e => e.Sequence <= upTo && e.Sequence > after).OrderBy(e => e.Sequence).Take(take);
    }
}
