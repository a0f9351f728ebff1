using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.Api.Files.Deletion;

/// <summary>
/// The caller's claim to a file, checked on its listing row before its lock is taken and its stream read: someone else's
/// file then costs what an unknown id costs, in time as in words. A refusal that first waited for the owner's writes, or
/// read the whole stream, told by its delay that the id exists (ADR 0022). An owner never changes, so the check holds.
/// </summary>
public static class OwnedFile
{
    public static async Task ThrowUnlessOwnedAsync(IDocumentStore store, Guid fileId, Guid callerId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        if (await session.LoadAsync<FileListing>(fileId, ct) is not { } listing || listing.OwnerId != callerId)
            throw CatalogProblem.From(FileDecisions.FileNotFound(fileId));
    }
}
