using Catalog.Domain.Files;
using Catalog.Projections.OpenUploads;
using Marten;

namespace Catalog.Api.Files.DirectUploads;

internal static class OpenUploadsOf
{
    /// <summary>
    /// The owner's uploads that may still be completed. One whose grace period has passed no longer counts even while its
    /// expiry has not run: an expiry stuck in the dead letters must not lock the owner out of direct uploads for good.
    /// </summary>
    public static async Task<OpenUploads> OwnerAsync(
        IQuerySession session, Guid ownerId, DateTimeOffset now, TimeSpan grace, CancellationToken ct)
    {
        var expiredBefore = now - grace;
        var sizes = await session.Query<OpenUpload>()
            .Where(u => u.OwnerId == ownerId && u.ExpiresAt > expiredBefore)
            .Select(u => u.Size)
            .ToListAsync(ct);
        return new OpenUploads(sizes.Count, sizes.Sum());
    }
}
