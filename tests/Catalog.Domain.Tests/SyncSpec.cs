using Catalog.Domain.Files;
using static Catalog.Domain.Tests.FileSpec;

namespace Catalog.Domain.Tests;

/// <summary>Events of the nightly transfer, for the given-when-then tests of the sync decisions.</summary>
internal static class SyncSpec
{
    public static readonly Guid SecondRunId = Guid.Parse("5a9c0000-0000-0000-0000-000000000005");

    public static LocalCopyEvicted Evicted() => new(FileId, OwnerId, LocalCopy, RunId, UploadedAt.AddHours(2));

    public static FileSyncFailed SyncFailed(Guid runId, int attempt) =>
        new(FileId, OwnerId, runId, attempt, "connection refused", UploadedAt.AddHours(attempt));
}
