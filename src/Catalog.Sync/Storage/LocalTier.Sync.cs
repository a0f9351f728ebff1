using Minio.DataModel.Args;

namespace Catalog.Sync.Storage;

public sealed partial class LocalTier
{
    /// <summary>
    /// Hands the object's bytes to <paramref name="consume"/> as they arrive: nothing is buffered here, and the
    /// stream is only readable until <paramref name="consume"/> returns.
    /// </summary>
    public Task ReadAsync(string key, Func<Stream, CancellationToken, Task> consume, CancellationToken ct) =>
        client.GetObjectAsync(new GetObjectArgs().WithBucket(Bucket).WithObject(key).WithCallbackStream(consume), ct);
}
