using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.Api.Files.Listing;

/// <summary>The listing a write just projected inline; its absence is a bug, not a client's error.</summary>
public static class ProjectedListing
{
    public static async Task<FileListing> LoadAsync(IQuerySession session, Guid fileId, CancellationToken ct) =>
        await session.LoadAsync<FileListing>(fileId, ct)
        ?? throw new InvalidOperationException($"The listing of file {fileId} was not projected.");
}
