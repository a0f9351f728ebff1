namespace Catalog.Domain.Files;

/// <summary>How much one owner may keep: bytes and files over every tier.</summary>
public sealed record Quota(long MaxBytes, long MaxFiles);

public sealed record Usage(long Bytes, long Files);

public static class QuotaDecisions
{
    /// <summary>Whether a file of <paramref name="incomingBytes"/> still fits; 0 checks the file count alone.</summary>
    public static DomainError? Check(Usage usage, long incomingBytes, Quota quota)
    {
        if (usage.Files + 1 > quota.MaxFiles)
            return new DomainError(ErrorKind.QuotaExceeded, $"The quota of {quota.MaxFiles} files is used up.");
        if (usage.Bytes + incomingBytes > quota.MaxBytes)
            return new DomainError(ErrorKind.QuotaExceeded,
                $"The file does not fit in the quota: {usage.Bytes} of {quota.MaxBytes} bytes are used.");
        return null;
    }
}
