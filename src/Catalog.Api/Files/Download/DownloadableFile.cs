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

    /// <summary>
    /// Runs <paramref name="use"/> on the copies <paramref name="file"/> names. When none of them is found, the listing
    /// is read again: one that moved since (a sync recorded a cloud copy and evicted the local one) names other copies,
    /// so the download starts over (<see cref="CopyGoneException"/>); one that did not move means the bytes are lost,
    /// and the <see cref="MissingCopiesException"/> stands.
    /// </summary>
    public static async Task<T> UsingCopiesAsync<T>(IDocumentStore store, FileListing file, Func<Task<T>> use, CancellationToken ct)
    {
        try
        {
            return await use();
        }
        catch (MissingCopiesException)
        {
            await using var session = store.QuerySession();
            if ((await session.LoadAsync<FileListing>(file.Id, ct))?.Version != file.Version)
                throw new CopyGoneException(file.Id, StoredCopies.Of(file)[0].Tier);
            throw;
        }
    }

    public static Task UsingCopiesAsync(IDocumentStore store, FileListing file, Func<Task> use, CancellationToken ct) =>
        UsingCopiesAsync(store, file, async () =>
        {
            await use();
            return true;
        }, ct);
}
