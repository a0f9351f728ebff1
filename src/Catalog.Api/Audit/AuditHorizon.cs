using Marten;

namespace Catalog.Api.Audit;

/// <summary>
/// The last sequence the trail may be read up to: every event at or below it has committed, or its writer gave it up.
/// A writer takes its sequence numbers before it commits, so an event can commit after a later one, and a page read in
/// between would leave it behind its cursor for good. The async daemon's high-water mark is such a sequence (it waits
/// for a gap to fill, or gives it up once its writer cannot hold it any longer); the events after it that follow on
/// without a gap are taken too, so a commit shows at once on a store that is not writing in parallel.
/// </summary>
public static class AuditHorizon
{
    // Looked at past the mark; more only while the daemon is that far behind, and the horizon then moves with it.
    private const int MostEventsPastTheMark = 10_000;

    public static async Task<long> ReadAsync(IQuerySession session, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        // In the run that starts right after the mark, each sequence is its row number past the mark.
        var sql = $"""
            with mark as (
                select coalesce(max(last_seq_id), 0) as seq from {schema}.mt_event_progression where name = 'HighWaterMark'),
            past as (
                select seq_id, seq_id - row_number() over (order by seq_id) as run_start
                from (select seq_id from {schema}.mt_events where seq_id > (select seq from mark)
                      order by seq_id limit {MostEventsPastTheMark}) next)
            select coalesce(max(seq_id) filter (where run_start = (select seq from mark)), (select seq from mark)) from past
            """;
        return (await session.AdvancedSql.QueryAsync<long>(sql, ct)).Single();
    }
}
