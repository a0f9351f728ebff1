using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Marten;

namespace Catalog.Api.Files.Download;

/// <summary>
/// Appends <see cref="FileAccessed"/> for a download that succeeds. Accesses do not contradict each other, so losing the
/// optimistic-concurrency race to another download is retried on fresh state; a delete that won the race makes the
/// retry answer NOT_FOUND.
/// </summary>
public static class AccessLog
{
    // Each round of a race lets at least one download through, so this many clients at once all succeed.
    private const int Attempts = 5;

    public static async Task RecordAsync(
        IDocumentStore store, Guid fileId, Guid callerId, AccessMethod method, StorageTier? servedFrom, ClientInfo client,
        TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<StoredFile>(fileId, ct);
            var command = new AccessFile(fileId, callerId, method, client.Ip, client.UserAgent, servedFrom);
            var decision = FileDecisions.Access(stream.Aggregate.VisibleTo(callerId), command, time.GetUtcNow());
            if (decision.Error is { } error)
                throw CatalogProblem.From(error);

            stream.AppendMany(decision.Events);
            session.LastModifiedBy = callerId.ToString();
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (ConcurrencyConflicts.IsConflict(e))
            {
                if (attempt == Attempts)
                    throw ConcurrencyConflicts.Conflict(fileId);
            }
        }
    }
}
