using Catalog.Domain.Files;

namespace Catalog.Sync.Transfer;

/// <summary>A file's cloud copy, verified, waiting to be recorded; <paramref name="Version"/> is its stream's version when it was read.</summary>
public sealed record VerifiedCopy(StoredFile File, long Version, SyncFileToCloud Command);

/// <summary>What one file's transfer came to: an outcome already recorded, or a verified copy still to record.</summary>
public sealed record FileTransfer(FileOutcome? Outcome, VerifiedCopy? Copy)
{
    public static FileTransfer Done(FileOutcome outcome) => new(outcome, null);
    public static FileTransfer Copied(VerifiedCopy copy) => new(null, copy);
}
