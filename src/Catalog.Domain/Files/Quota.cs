namespace Catalog.Domain.Files;

/// <summary>How much one owner may keep: bytes and files over every tier.</summary>
public sealed record Quota(long MaxBytes, long MaxFiles);

public sealed record Usage(long Bytes, long Files);

public static class QuotaDecisions
{
    /// <summary>Whether a file of <paramref name="incomingBytes"/> still fits; 0 checks the file count alone.</summary>
    public static DomainError? Check(Usage usage, long incomingBytes, Quota quota)
    {
        if (usage.Files >= quota.MaxFiles)
            return new DomainError(ErrorKind.QuotaExceeded, $"The quota of {quota.MaxFiles} files is used up.");
        // Subtracted, not added: a client's announced size near long.MaxValue would wrap the sum around.
        if (incomingBytes > quota.MaxBytes - usage.Bytes)
            return new DomainError(ErrorKind.QuotaExceeded,
                $"The file does not fit in the quota: {usage.Bytes} of {quota.MaxBytes} bytes are used.");
        return null;
    }
}
