using Catalog.Api.Errors;
using Catalog.Domain.Files;

namespace Catalog.Api.Files.Download;

/// <summary>
/// The copy a download chose, from a listing read a moment before, was evicted meanwhile; nothing was sent yet, so
/// the download starts over from the listing as it is now.
/// </summary>
public sealed class CopyGoneException(Guid fileId, StorageTier tier)
    : Exception($"The {tier} copy of file {fileId} was evicted while it was being read.")
{
    private const int MaxAttempts = 3;

    /// <summary>Runs <paramref name="download"/> again while the copy it chose is evicted under it; CONFLICT after the last attempt.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> download)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await download();
            }
            catch (CopyGoneException gone) when (attempt == MaxAttempts)
            {
                throw new CatalogProblem(ErrorCode.Conflict, $"{gone.Message} Try again.");
            }
            catch (CopyGoneException)
            {
                // Nothing was sent yet: start over from the listing as it is now.
            }
        }
    }
}
