using Catalog.Domain.Files;
using Minio.Exceptions;

namespace Catalog.Sync.Storage;

public sealed partial class LocalTier
{
    /// <summary>
    /// Hands the object's bytes to <paramref name="consume"/> as they arrive: nothing is buffered here, and the
    /// stream is only readable until <paramref name="consume"/> returns. A copy of another size than
    /// <paramref name="recordedSize"/> is a <see cref="DamagedCopyException"/>, thrown before.
    /// </summary>
    public async Task ReadAsync(StorageLocation location, long recordedSize, ConsumeObject consume, CancellationToken ct)
    {
        if (!await ReadAsync(location, range: null, recordedSize, consume, ct))
            throw new ObjectNotFoundException(location.ObjectKey, $"The local object {location} does not exist.");
    }
}
