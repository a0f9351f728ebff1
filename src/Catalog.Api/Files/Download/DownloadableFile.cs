using Catalog.Api.Errors;
using Catalog.Domain.Files;
using Catalog.Projections.FileListing;
using Marten;

namespace Catalog.Api.Files.Download;

/// <summary>The file a caller asks to download, read from the listing, or NOT_FOUND worded as for an unknown id.</summary>
public static class DownloadableFile
{
    public static async Task<FileListing> LoadAsync(IQuerySession session, Guid fileId, Guid callerId, CancellationToken ct)
    {
        var file = await session.LoadAsync<FileListing>(fileId, ct);
        if (file is not { Deleted: false, Purged: false } || file.OwnerId != callerId)
            throw CatalogProblem.From(FileDecisions.FileNotFound(fileId));
        return file;
    }
}
