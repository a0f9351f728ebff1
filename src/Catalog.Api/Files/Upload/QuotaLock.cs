using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Sync.Locking;
using Marten;

namespace Catalog.Api.Files.Upload;

/// <summary>
/// The last quota check of an upload, under a lock on the owner held to the commit: two uploads of one owner at the
/// quota's edge cannot both pass (ADR 0013). Only the short step from this check to the commit is serialised.
/// </summary>
public static class QuotaLock
{
    public static async Task CheckUnderLockAsync(IDocumentSession session, Guid ownerId, long size, Quota quota, CancellationToken ct)
    {
        await StreamLocks.SerializeAsync(session, ownerId, ct);
        CatalogProblem.ThrowIfRefused(QuotaDecisions.Check(await StorageUsage.TotalAsync(session, ownerId, ct), size, quota));
    }
}
